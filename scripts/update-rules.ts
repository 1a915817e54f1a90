/**
 * Writes public/rules.json: the research's rules (R1–R61) and hardware sections (A*, B*) as one
 * line each, which the narration shows beside a library scenario's "why" (src/app/researchRules.ts).
 * The research lives in ../shared/research beside the repository.
 *
 * Usage: npm run rules
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hardwareSections, kernelRules } from '../src/app/researchRules.ts';

const research = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../shared/research/${name}`, import.meta.url)), 'utf8');
const out = fileURLToPath(new URL('../public/rules.json', import.meta.url));

const rules = {
  ...kernelRules(research('kernel-core-semantics.md')),
  ...hardwareSections(research('hw-structures.md')),
};
writeFileSync(out, JSON.stringify(rules, null, 2) + '\n');
console.log(`public/rules.json: ${Object.keys(rules).length} rules`);

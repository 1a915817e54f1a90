import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citedRules, hardwareSections, kernelRules } from './researchRules.ts';

const research = (name: string): string =>
  readFileSync(new URL(`../../../shared/research/${name}`, import.meta.url), 'utf8');
const shipped = JSON.parse(readFileSync(new URL('../../public/rules.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

describe('public/rules.json (the research rules the narration cites)', () => {
  it('is the research as it is now (else run: npm run rules)', () => {
    expect(shipped).toEqual({
      ...kernelRules(research('kernel-core-semantics.md')),
      ...hardwareSections(research('hw-structures.md')),
    });
  });

  it('holds R1–R61, each once, without its source tag', () => {
    const r = Object.keys(shipped).filter((k) => k.startsWith('R'));
    expect(r).toEqual(Array.from({ length: 61 }, (_, i) => `R${i + 1}`));
    expect(shipped.R11).toBe('If the mm already has a PASID ≥ dev max → -EOVERFLOW.');
    for (const text of Object.values(shipped)) expect(text).not.toMatch(/\[K-[A-Z-]+\]$|`/);
  });

  it('names the numbered items of a hardware section, as the expectations cite them', () => {
    expect(shipped['A10.2']).toBe(
      'What Linux issues per operation (current design): Attach a stage-1 DMA domain to the RID'
    );
    expect(shipped['B5.1']).toMatch(/^What Linux issues per operation \(current design\): Device probe/);
  });

  it('has every rule a library scenario’s expectations cite', () => {
    const dir = new URL('../../public/scenarios/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.expect.json'))) {
      const e = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { steps: { why?: string }[] };
      for (const s of e.steps)
        for (const id of citedRules(s.why ?? '')) expect(shipped[id], `${f}: ${id}`).toBeTypeOf('string');
    }
  });
});

describe('citedRules', () => {
  it('lists each R, A and B number once, in order', () => {
    expect(citedRules('R6/R7/R12: … (R2/R3); A11/A5: SSID 3 → C_BAD_CD; R7 again')).toEqual([
      'R6',
      'R7',
      'R12',
      'R2',
      'R3',
      'A11',
      'A5',
    ]);
    expect(citedRules('kernel-core §2.5 step 2, 0x59, PASID 4')).toEqual([]);
    expect(citedRules('A10.3(a): RID STE is cd-table; B5.6; R12.')).toEqual(['A10.3', 'B5.6', 'R12']);
  });
});

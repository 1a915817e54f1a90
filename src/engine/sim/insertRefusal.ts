/**
 * Why an interactive step cannot join the scenario, in the words of someone clicking a button:
 * the validator's `steps[13].id: duplicate domain id "u1"` names array indices and JSON keys the
 * user never saw. The message names steps 1-based, as the step log does.
 */
import { quote, type ScenarioError } from '../scenario/parse-errors.ts';
import type { Step } from '../scenario/types.ts';

const STEP_PATH = /^steps\[(\d+)\]\.([A-Za-z]+)$/;

/**
 * The refusal of inserting `steps[i]` (already in place in `steps`) that made the validator throw `e`.
 * @example insertRefusal(e, steps, 0) // 'domain_alloc cannot be added at step 1: step 14 allocates a domain named "u1" too: choose another id'
 */
export function insertRefusal(e: ScenarioError, steps: readonly Step[], i: number): string {
  const op = steps[i]?.op ?? 'the step';
  const head = `${op} cannot be added at step ${i + 1}`;
  const m = STEP_PATH.exec(e.path);
  if (!m) return `${head}: ${e.message}`;
  const k = Number(m[1]);
  const key = m[2] ?? '';
  if (k === i) {
    // "expected an id (…)" → "its domain must be an id (…)"; a problem that names its subject stays as it is.
    return e.problem.startsWith('expected ')
      ? `${head}: its ${key} must be ${e.problem.slice('expected '.length)}`
      : `${head}: ${e.problem}`;
  }
  // A later step broke: the new step introduced an id that step introduces too.
  const later = steps[k];
  if (later?.op === 'domain_alloc' && key === 'id')
    return `${head}: step ${k + 1} allocates a domain named ${quote(later.id)} too: choose another id`;
  if (later?.op === 'fork' && key === 'child')
    return `${head}: step ${k + 1} forks a process named ${quote(later.child)} too: choose another name`;
  return `${head}: step ${k + 1} (${later?.op ?? 'a later step'}) would no longer be valid: ${e.problem}`;
}

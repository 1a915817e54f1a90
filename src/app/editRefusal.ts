/**
 * Why a topology edit cannot be saved, when the reason is that steps still name what the edit
 * removed or renamed. The validator says `steps[0].proc: unknown process "P1"` about the first
 * such step only; the user needs every step to change, numbered as the step log numbers them.
 */
import type { Scenario, Step } from '../engine/index.ts';

/** How many step numbers a message lists before it only counts the rest. */
const LISTED = 8;

type Key = 'dev' | 'proc' | 'iommu';

function uses(step: Step, key: Key, id: string): boolean {
  return key in step && (step as unknown as Record<Key, unknown>)[key] === id;
}

/** 1-based numbers of the steps whose `key` argument is `id`. */
export function stepsNaming(steps: readonly Step[], key: Key, id: string): number[] {
  const out: number[] = [];
  steps.forEach((s, i) => {
    if (uses(s, key, id)) out.push(i + 1);
  });
  return out;
}

/** `steps 1, 5, 10`, `step 3`, `devices a, b, … and 12 more`. */
function listed(noun: 'step' | 'device', items: readonly (number | string)[]): string {
  const rest = items.length - LISTED;
  return `${noun}${items.length === 1 ? '' : 's'} ${items.slice(0, LISTED).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

function gone(before: readonly { id: string }[], after: readonly { id: string }[]): string[] {
  const kept = new Set(after.map((x) => x.id));
  return before.map((x) => x.id).filter((id) => !kept.has(id));
}

/**
 * The first device, process or IOMMU that `after` no longer has (removed or renamed) although
 * its steps or devices still name it, as a message; null when the edit breaks nothing of the kind.
 * @example editRefusal(rfc, withoutP1) // 'P1 is used by steps 1, 5: remove or change those steps first'
 */
export function editRefusal(before: Scenario, after: Scenario): string | null {
  for (const id of gone(before.iommus, after.iommus)) {
    const devices = after.devices.filter((d) => d.iommu === id).map((d) => d.id);
    if (devices.length > 0)
      return `${id} has ${listed('device', devices)}: remove them or move them to another IOMMU first`;
    const steps = stepsNaming(after.steps, 'iommu', id);
    if (steps.length > 0) return `${id} is used by ${listed('step', steps)}: remove or change those steps first`;
  }
  const kinds: [readonly { id: string }[], readonly { id: string }[], Key][] = [
    [before.devices, after.devices, 'dev'],
    [before.processes, after.processes, 'proc'],
  ];
  for (const [was, is, key] of kinds) {
    for (const id of gone(was, is)) {
      const steps = stepsNaming(after.steps, key, id);
      if (steps.length > 0) return `${id} is used by ${listed('step', steps)}: remove or change those steps first`;
    }
  }
  return null;
}

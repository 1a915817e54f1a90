import type { Step } from '../../engine/index.ts';
import { stepBlocker } from '../../machines/index.ts';
import { useFrame } from '../../store/index.ts';

/**
 * The guard's verdict for `step` on the latest frame, so a button can be disabled with the same
 * reason the actor's guard would refuse it with. Re-evaluated on every frame, but the component
 * re-renders only when the verdict changes.
 */
export function useBlocker(step: Step | null): string | null {
  return useFrame((s) => {
    const model = s.frame?.model;
    if (!step) return 'fill in the fields first';
    if (!model) return 'no scenario loaded';
    return stepBlocker(model, step);
  });
}

/**
 * stopChildren(refs): one action that stops many spawned children of the running machine.
 *
 * xstate's `stopChild` copies the parent's `children` object once per stopped child, and after
 * the first delete that object is a slow dictionary: stopping n children costs O(n²) with a large
 * constant (2,000 children took ~5 s). This action drops them from `children` with one copy, then
 * runs xstate's own stop on each (unregister, stop after the queued events). It is built on the
 * resolve/execute pair of the action object `stopChild()` returns, which xstate does not type as
 * public API: stopChildren.test.ts pins that behaviour.
 */
import { stopChild } from 'xstate';
import type { AnyActorRef, AnyMachineSnapshot } from 'xstate';

/** The shape of an xstate built-in action (what `stopChild()` returns at run time). */
interface BuiltinAction {
  (): void;
  type: string;
  resolve(
    scope: unknown,
    snapshot: AnyMachineSnapshot,
    args: unknown,
    params: unknown,
    action: unknown,
    extra: unknown
  ): [AnyMachineSnapshot, unknown, unknown];
  execute(scope: unknown, params: unknown): void;
}

const builtin = (a: unknown): BuiltinAction => a as BuiltinAction;

/**
 * Stops `refs` (children of the machine running the action) in one step; refs that are not
 * children are ignored. Use it with `enqueue(stopChildren(refs))`.
 */
export function stopChildren(refs: readonly AnyActorRef[]): () => void {
  const action = (): void => {};
  return Object.assign(action, {
    type: 'xstate.stopChild',
    resolve(
      scope: unknown,
      snapshot: AnyMachineSnapshot,
      args: unknown,
      params: unknown,
      _action: unknown,
      extra: unknown
    ): [AnyMachineSnapshot, AnyActorRef[], undefined] {
      const gone = new Set(refs);
      const children: Record<string, AnyActorRef> = {};
      const stopped: AnyActorRef[] = [];
      for (const [id, ref] of Object.entries(snapshot.children as Record<string, AnyActorRef>)) {
        if (gone.has(ref)) stopped.push(ref);
        else children[id] = ref;
      }
      // stopChild('') names no child: its resolve only clones the snapshot, here with `children`.
      const clone = builtin(stopChild(''));
      const [next] = clone.resolve(scope, { ...snapshot, children }, args, params, clone, extra);
      return [next, stopped, undefined];
    },
    execute(scope: unknown, stopped: AnyActorRef[]): void {
      for (const ref of stopped) builtin(stopChild(ref)).execute(scope, ref);
    },
  });
}

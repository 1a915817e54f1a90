/** Glue between views and the actor tree: child refs by id, and narrow snapshots. */
import { useSelector } from '@xstate/react';
import type { DeviceRef, GroupRef } from '../machines/index.ts';
import { useSandbox } from './sandboxContext.ts';
import type { RootRef } from './sandboxContext.ts';

type RootSnapshot = ReturnType<RootRef['getSnapshot']>;

/** The device actor for `id` (undefined before the first frame). */
export function useDeviceRef(id: string | null): DeviceRef | undefined {
  const { root } = useSandbox();
  return useSelector(root, (s) => (id === null ? undefined : s.context.devices[id]));
}

/** The group actor of `groupId`. */
export function useGroupRef(groupId: string | null): GroupRef | undefined {
  const { root } = useSandbox();
  return useSelector(root, (s) => (groupId === null ? undefined : s.context.groups[groupId]));
}

/** Selects from the root actor's snapshot. */
export function useRoot<T>(selector: (s: RootSnapshot) => T): T {
  const { root } = useSandbox();
  return useSelector(root, selector);
}

/** The RID-side state name of a device actor ('default' before it exists). */
export function useDeviceRid(ref: DeviceRef | undefined): string {
  return useSelector(ref, (s) => (s ? String((s.value as { rid: string }).rid) : 'default'));
}

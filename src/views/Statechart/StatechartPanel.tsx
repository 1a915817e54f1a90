/**
 * Statechart container: the selected device's actor, its group's actor and, when a process is
 * selected too, the bond actor of that pair, each with its last transition.
 */
import { useState } from 'react';
import { useSelector } from '@xstate/react';
import type { AnyStateMachine, StateValue } from 'xstate';
import { useDeviceRef, useGroupRef } from '../../hooks/index.ts';
import { bondMachine, deviceMachine, groupMachine } from '../../machines/index.ts';
import { frameStore } from '../../store/index.ts';
import { changedLeaves } from './machineSpec.ts';
import { Statechart } from './Statechart.tsx';
import type { ChartTab } from './Statechart.tsx';

const same = (a: StateValue | null, b: StateValue | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The value of an actor plus the leaves its last change moved (kept across renders). */
function useTracked(
  rootId: string,
  value: StateValue | null
): { value: StateValue | null; last: { from: string; to: string }[] } {
  const [seen, setSeen] = useState<{ value: StateValue | null; last: { from: string; to: string }[] }>({
    value,
    last: [],
  });
  if (!same(seen.value, value)) {
    const last = value === null ? [] : changedLeaves(rootId, seen.value, value);
    const next = { value, last: last.length > 0 ? last : seen.last };
    setSeen(next);
    return next;
  }
  return seen;
}

export function StatechartPanel({ selection }: { selection: { device: string | null; proc: string | null } }) {
  const model = frameStore.getState().frame?.model;
  const devId = selection.device ?? model?.topology?.devices[0]?.id ?? null;
  const groupId = devId ? (model?.device(devId)?.groupId ?? null) : null;
  const devRef = useDeviceRef(devId);
  const groupRef = useGroupRef(groupId);
  const bondRef = useSelector(devRef, (s) => (selection.proc && s ? s.context.bonds[selection.proc] : undefined));
  const dev = useTracked(
    'device',
    useSelector(devRef, (s) => s?.value ?? null)
  );
  const group = useTracked(
    'group',
    useSelector(groupRef, (s) => s?.value ?? null)
  );
  const bond = useTracked(
    'bond',
    useSelector(bondRef, (s) => s?.value ?? null)
  );
  const tabs: ChartTab[] = [];
  const tab = (id: string, label: string, machine: AnyStateMachine, t: ReturnType<typeof useTracked>): void => {
    tabs.push({ id, label, machine, value: t.value, last: t.last });
  };
  if (bondRef && selection.proc) tab('bond', `Bond ${devId} ↔ ${selection.proc}`, bondMachine, bond);
  if (devRef) tab('device', `Device ${devId}`, deviceMachine, dev);
  if (groupRef) tab('group', `Group ${groupId}`, groupMachine, group);
  return (
    <Statechart
      key={`${devId}|${selection.proc ?? ''}`}
      tabs={tabs}
      hint={
        selection.proc
          ? `No bond between ${devId} and ${selection.proc} yet: bind them to see its statechart.`
          : 'Select a device (and a process for its bond) to see their statecharts.'
      }
    />
  );
}

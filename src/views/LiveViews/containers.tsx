/**
 * One container per live view: builds the view's props from the frame (inputs.ts) and renders
 * it. Each is memoised with `gate`, so a view scrolled off screen does no per-step work.
 */
import { memo, useState } from 'react';
import { selectDevice, selectProc, setFocusEntry, useUiStore } from '../../store/index.ts';
import { BindingsFeed } from '../Bindings/bindingsFeed.ts';
import { bindingsInput } from '../Bindings/bindingsInput.ts';
import { Bindings } from '../Bindings/Bindings.tsx';
import { PasidSpace } from '../PasidSpace/PasidSpace.tsx';
import { Queues } from '../Queues/Queues.tsx';
import { SmmuTables } from '../SmmuTables/SmmuTables.tsx';
import { StatechartPanel } from '../Statechart/StatechartPanel.tsx';
import { VtdTables } from '../VtdTables/VtdTables.tsx';
import { deviceStrips, holderNames, hwInput, queueSections, stepLabel } from './inputs.ts';
import { gate } from './slotGate.ts';
import { breakingUpdates } from '../shared/entryText.ts';
import { currentEffects } from './currentEffects.ts';
import type { GatedProps } from './ViewSlot.tsx';

/** Selects a process, or clears the selection when it is already selected. */
const toggleProc = (proc: string): void => selectProc(useUiStore.getState().selection.proc === proc ? null : proc);

function units(p: GatedProps, type: 'smmuv3' | 'vtd'): { id: string; unit: number }[] {
  return (p.frame.model.topology?.iommus ?? [])
    .map((m, i) => ({ id: m.id, unit: i, type: m.type }))
    .filter((u) => u.type === type);
}

export const PasidSpaceView = memo(function PasidSpaceView(p: GatedProps) {
  const { model, views, viewChanges } = p.frame;
  const d = p.sel.device ? model.device(p.sel.device) : undefined;
  const strips = deviceStrips(model, p.cache, viewChanges, p.sel);
  return (
    <PasidSpace
      holders={views.holders}
      holdersVersion={views.holdersVersion}
      frameVersion={p.frame.version}
      reset={viewChanges.reset}
      allocated={views.allocated}
      changed={viewChanges.pasids}
      stepPasids={viewChanges.step?.pasids ?? null}
      names={holderNames(p.cache.procIds, views)}
      strips={strips.strips}
      stripsEpoch={model.topology}
      hiddenStrips={strips.hidden}
      device={d ? { id: d.id, maxPasids: d.maxPasids } : null}
      selectedProc={p.sel.proc}
      policy={model.policy}
      onSelectProc={toggleProc}
      onSelectGroup={(g) => {
        const dev = model.topology?.devices.find((x) => model.topology?.groups[x.group] === g);
        if (dev) selectDevice(dev.id);
      }}
    />
  );
}, gate);

export const SmmuView = memo(function SmmuView(p: GatedProps) {
  const { model, views, viewChanges } = p.frame;
  return (
    <SmmuTables
      iommus={units(p, 'smmuv3')}
      input={hwInput(model, views, viewChanges, p.sel, p.focusKey)}
      breaking={breakingUpdates(currentEffects(model))}
      onSelectProc={toggleProc}
      onSelectDevice={selectDevice}
    />
  );
}, gate);

export const VtdView = memo(function VtdView(p: GatedProps) {
  const { model, views, viewChanges } = p.frame;
  return (
    <VtdTables
      iommus={units(p, 'vtd')}
      input={hwInput(model, views, viewChanges, p.sel, p.focusKey)}
      onSelectProc={toggleProc}
      onSelectDevice={selectDevice}
    />
  );
}, gate);

export const BindingsView = memo(function BindingsView(p: GatedProps) {
  const { model, views, viewChanges } = p.frame;
  // Kept across frames: the diagram's model follows each frame's change set.
  const [feed] = useState(() => new BindingsFeed());
  return (
    <Bindings
      model={feed.model(p.frame, p.cache, p.sel)}
      handleCount={views.tables.handle.size}
      tableInput={() => bindingsInput(model, p.cache, views, viewChanges, p.sel)}
      onSelectProc={toggleProc}
      onSelectDevice={selectDevice}
    />
  );
}, gate);

export const QueuesView = memo(function QueuesView(p: GatedProps) {
  const { model, views } = p.frame;
  return (
    <Queues
      stepLabel={stepLabel(model)}
      sections={queueSections(model, views)}
      stats={views.hwStats}
      onFocusEntry={setFocusEntry}
      epoch={model.topology}
    />
  );
}, gate);

export const StatechartView = memo(function StatechartView(p: GatedProps) {
  return <StatechartPanel selection={p.sel} />;
}, gate);

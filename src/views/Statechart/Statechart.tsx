/**
 * Statechart view for one actor: its machine drawn with d3-computed layout, the active state
 * and the last transition highlighted, live; a table mode lists states and transitions.
 */
import { useMemo, useState } from 'react';
import type { AnyStateMachine, StateValue } from 'xstate';
import { eventLabel, layoutChart } from '../../viz/statechart.ts';
import { TabList } from '../shared/TabList.tsx';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import { useViewMode } from '../shared/useViewMode.ts';
import { activeIds, machineSpec } from './machineSpec.ts';
import { StatechartDiagram } from './StatechartDiagram.tsx';

export interface ChartTab {
  id: string;
  label: string;
  machine: AnyStateMachine;
  value: StateValue | null;
  /** Leaves that changed in the last transition. */
  last: readonly { from: string; to: string }[];
}

export interface StatechartProps {
  tabs: readonly ChartTab[];
  /** Which actors are offered and why (shown when there is no tab). */
  hint: string;
}

const specCache = new WeakMap<
  AnyStateMachine,
  ReturnType<typeof layoutChart> & { spec: ReturnType<typeof machineSpec> }
>();

function chartOf(machine: AnyStateMachine) {
  let c = specCache.get(machine);
  if (!c) {
    const spec = machineSpec(machine);
    c = { ...layoutChart(spec), spec };
    specCache.set(machine, c);
  }
  return c;
}

const leaf = (id: string): string => id.slice(id.lastIndexOf('.') + 1);

export function Statechart(p: StatechartProps) {
  const [mode, setMode] = useViewMode('statechart');
  const [picked, setPicked] = useState<string | null>(null);
  const tab = p.tabs.find((t) => t.id === picked) ?? p.tabs[0];
  const chart = tab ? chartOf(tab.machine) : null;
  const active = useMemo(
    () => new Set(tab && tab.value !== null ? activeIds(tab.machine.root.id, tab.value) : []),
    [tab]
  );
  const lastEdges = useMemo(() => new Set(tab?.last.map((l) => `${l.from}→${l.to}`) ?? []), [tab]);
  const lastText =
    tab && tab.last.length > 0 ? tab.last.map((l) => `${leaf(l.from)} → ${leaf(l.to)}`).join(', ') : 'none yet';
  const activeLeaves = chart
    ? chart.nodes.filter((n) => n.type === 'atomic' && active.has(n.id)).map((n) => n.key)
    : [];
  return (
    <ViewPanel
      title="Statechart"
      testId="view-statechart"
      mode={mode}
      onMode={setMode}
      summary={
        tab ? (
          <>
            <span data-testid="chart-active">Active: {activeLeaves.join(' + ') || '—'}</span> ·{' '}
            <span data-testid="chart-last">Last transition: {lastText}</span>
          </>
        ) : (
          p.hint
        )
      }
      controls={
        p.tabs.length > 1 ? (
          <TabList
            label="Actor"
            tabs={p.tabs.map((t) => ({ id: t.id, label: t.label, testId: `chart-tab-${t.id}` }))}
            selected={tab?.id}
            onSelect={setPicked}
          />
        ) : null
      }
    >
      {!tab || !chart ? (
        <p className="vz-empty">{p.hint}</p>
      ) : mode === 'diagram' ? (
        <div className="vz-diagram" tabIndex={0} role="region" aria-label={`${tab.label} statechart (scrollable)`}>
          <StatechartDiagram layout={chart} active={active} lastEdges={lastEdges} label={`${tab.label} statechart`} />
          {chart.wide.length > 0 ? (
            <ul className="vz-wide" aria-label="Transitions from any state of a region">
              {chart.wide.map((w) => (
                <li key={`${w.region}|${w.target}|${w.label}`}>
                  from any state of <b>{leaf(w.region)}</b>: {w.label} → {leaf(w.target)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <table className="vz-table" data-testid="statechart-table" aria-label={`${tab.label} transitions`}>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Event</th>
              <th scope="col">Guard</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {chart.spec.transitions.map((t, i) => (
              <tr
                key={i}
                className={[
                  lastEdges.has(`${t.source}→${t.target}`) ? 'vz-row-changed' : '',
                  active.has(t.source) ? 'vz-row-selected' : '',
                ].join(' ')}
              >
                <td>
                  {leaf(t.source)}
                  {active.has(t.source) ? ' (active)' : ''}
                </td>
                <td>{eventLabel(t.event)}</td>
                <td>{t.guard ?? ''}</td>
                <td>{leaf(t.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ViewPanel>
  );
}

/**
 * The topology editor: IOMMUs, devices and processes of the current scenario. Every save
 * rebuilds the scenario, validates it and reloads at the same step. An edit that breaks the
 * scenario is refused: one that removes or renames what steps still name, with the numbers of
 * those steps (app/editRefusal.ts); anything else with the parser's message.
 */
import { useSelector } from '@xstate/react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { applyEdit } from '../../app/commands.ts';
import type { DeviceSpec, IommuSpec, ProcessSpec, Scenario } from '../../engine/index.ts';
import { useSandbox, useScenario } from '../../hooks/index.ts';
import { selectDevice, selectProc } from '../../store/index.ts';
import { focusIfLost } from '../common/focusReturn.ts';
import { DeviceForm, IommuForm, ProcessForm } from './forms.tsx';

const MAX_ROWS = 30;

type Kind = 'iommu' | 'device' | 'process';
type Editing = { kind: Kind; index: number } | null;
/**
 * Where focus goes once a form closes (its Save and Cancel buttons go with it): the Edit button of
 * the row saved or cancelled (id: its id after the save), or the section's Add button when an Add
 * was cancelled.
 */
type Refocus = { kind: Kind; id: string | null } | null;

export function TopologyEditor() {
  const sb = useSandbox();
  const scenario = useScenario();
  const [editing, setEditing] = useState<Editing>(null);
  const [refocus, setRefocus] = useState<Refocus>(null);
  // 'empty': no scenario came (a link that did not open, a first load that failed), none is coming.
  const empty = useSelector(sb.root, (s) => s.matches('empty'));
  if (!scenario)
    return <p className="muted">{empty ? 'No scenario loaded: open one from the library or a file.' : 'Loading…'}</p>;

  const close = (kind: Kind, id: string | null): void => {
    setEditing(null);
    setRefocus({ kind, id });
  };
  const save = (next: Scenario, saved?: { kind: Kind; id: string | null }): void => {
    void applyEdit(sb, next).then((ok) => {
      if (ok && saved) close(saved.kind, saved.id);
      else if (ok) setEditing(null);
    });
  };
  const focusFor = (kind: Kind, id: string | null): { focus: boolean; onFocused: () => void } => ({
    focus: refocus?.kind === kind && refocus.id === id,
    onFocused: () => setRefocus(null),
  });
  const put = <T,>(list: T[], index: number, value: T): T[] =>
    index < 0 ? [...list, value] : list.map((x, i) => (i === index ? value : x));
  const drop = <T,>(list: T[], index: number): T[] => list.filter((_, i) => i !== index);
  // A removed row takes its buttons with it: focus goes to the next row's Edit, else the previous
  // one's, else the section's Add button.
  const after = (list: readonly { id: string }[], index: number): string | null =>
    (list[index + 1] ?? list[index - 1])?.id ?? null;
  const iommuIds = scenario.iommus.map((i) => i.id);
  const isEditing = (kind: NonNullable<Editing>['kind'], index: number): boolean =>
    editing?.kind === kind && editing.index === index;

  return (
    <div className="topology">
      <h2>Topology</h2>
      <Section
        title="IOMMUs"
        count={scenario.iommus.length}
        onAdd={() => setEditing({ kind: 'iommu', index: -1 })}
        {...focusFor('iommu', null)}
      >
        {isEditing('iommu', -1) ? (
          <li className="topo-edit">
            <IommuForm
              saveLabel="Add"
              initial={{ id: `smmu${scenario.iommus.length}`, type: 'smmuv3' }}
              onCancel={() => close('iommu', null)}
              onSave={(v: IommuSpec) =>
                save({ ...scenario, iommus: put(scenario.iommus, -1, v) }, { kind: 'iommu', id: v.id })
              }
            />
          </li>
        ) : null}
        {scenario.iommus.slice(0, MAX_ROWS).map((m, i) =>
          isEditing('iommu', i) ? (
            <li className="topo-edit" key={m.id}>
              <IommuForm
                saveLabel="Save"
                initial={m}
                onCancel={() => close('iommu', m.id)}
                onSave={(v) => save({ ...scenario, iommus: put(scenario.iommus, i, v) }, { kind: 'iommu', id: v.id })}
              />
            </li>
          ) : (
            <Row
              key={m.id}
              label={m.id}
              detail={`${m.type === 'smmuv3' ? 'SMMUv3' : 'VT-d'} · ${m.type === 'smmuv3' ? `${m.ssidBits ?? 20} SSID bits` : `${m.pasidBits ?? 20} PASID bits`}`}
              {...focusFor('iommu', m.id)}
              onEdit={() => setEditing({ kind: 'iommu', index: i })}
              onRemove={() =>
                save(
                  { ...scenario, iommus: drop(scenario.iommus, i) },
                  { kind: 'iommu', id: after(scenario.iommus, i) }
                )
              }
            />
          )
        )}
      </Section>
      <Section
        title="Devices"
        count={scenario.devices.length}
        onAdd={() => setEditing({ kind: 'device', index: -1 })}
        {...focusFor('device', null)}
      >
        {isEditing('device', -1) ? (
          <li className="topo-edit">
            <DeviceForm
              saveLabel="Add"
              iommus={iommuIds}
              initial={{ id: `dev${scenario.devices.length}`, iommu: iommuIds[0] ?? '', pasidBits: 20 }}
              onCancel={() => close('device', null)}
              onSave={(v: DeviceSpec) =>
                save({ ...scenario, devices: put(scenario.devices, -1, v) }, { kind: 'device', id: v.id })
              }
            />
          </li>
        ) : null}
        {scenario.devices.slice(0, MAX_ROWS).map((d, i) =>
          isEditing('device', i) ? (
            <li className="topo-edit" key={d.id}>
              <DeviceForm
                saveLabel="Save"
                iommus={iommuIds}
                initial={d}
                onCancel={() => close('device', d.id)}
                onSave={(v) =>
                  save({ ...scenario, devices: put(scenario.devices, i, v) }, { kind: 'device', id: v.id })
                }
              />
            </li>
          ) : (
            <Row
              key={d.id}
              label={d.id}
              onSelect={() => selectDevice(d.id)}
              detail={`${d.iommu} · ${d.bus ?? 'pci'} · ${d.pasidBits === undefined || d.pasidBits === null ? 'no PASID' : `${d.pasidBits} PASID bits`}${d.group ? ` · group ${d.group}` : ''}${d.enqcmd ? ' · ENQCMD' : ''}${d.ats ? ' · ATS' : ''}`}
              {...focusFor('device', d.id)}
              onEdit={() => setEditing({ kind: 'device', index: i })}
              onRemove={() =>
                save(
                  { ...scenario, devices: drop(scenario.devices, i) },
                  { kind: 'device', id: after(scenario.devices, i) }
                )
              }
            />
          )
        )}
        {scenario.devices.length > MAX_ROWS ? (
          <p className="muted">{scenario.devices.length - MAX_ROWS} more devices</p>
        ) : null}
      </Section>
      <Section
        title="Processes"
        count={scenario.processes.length}
        onAdd={() => setEditing({ kind: 'process', index: -1 })}
        {...focusFor('process', null)}
      >
        {isEditing('process', -1) ? (
          <li className="topo-edit">
            <ProcessForm
              saveLabel="Add"
              initial={{ id: `P${scenario.processes.length + 1}` }}
              onCancel={() => close('process', null)}
              onSave={(v: ProcessSpec) =>
                save({ ...scenario, processes: put(scenario.processes, -1, v) }, { kind: 'process', id: v.id })
              }
            />
          </li>
        ) : null}
        {scenario.processes.slice(0, MAX_ROWS).map((p, i) =>
          isEditing('process', i) ? (
            <li className="topo-edit" key={p.id}>
              <ProcessForm
                saveLabel="Save"
                initial={p}
                onCancel={() => close('process', p.id)}
                onSave={(v) =>
                  save({ ...scenario, processes: put(scenario.processes, i, v) }, { kind: 'process', id: v.id })
                }
              />
            </li>
          ) : (
            <Row
              key={p.id}
              label={p.id}
              onSelect={() => selectProc(p.id)}
              detail={`${p.threads ?? 1} thread${(p.threads ?? 1) > 1 ? 's' : ''}${p.lam ? ' · LAM' : ''}`}
              {...focusFor('process', p.id)}
              onEdit={() => setEditing({ kind: 'process', index: i })}
              onRemove={() =>
                save(
                  { ...scenario, processes: drop(scenario.processes, i) },
                  { kind: 'process', id: after(scenario.processes, i) }
                )
              }
            />
          )
        )}
        {scenario.processes.length > MAX_ROWS ? (
          <p className="muted">{scenario.processes.length - MAX_ROWS} more processes</p>
        ) : null}
      </Section>
    </div>
  );
}

/** Props of a control that takes focus back when a form closes: `focus` once, then `onFocused`. */
interface Refocusable {
  focus: boolean;
  onFocused: () => void;
}

/** The ref for a control that takes focus when `focus` turns true (unless the user moved on). */
function useTakeFocus<T extends HTMLElement>({ focus, onFocused }: Refocusable) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    if (!focus) return;
    focusIfLost(ref.current);
    onFocused();
  }, [focus, onFocused]);
  return ref;
}

function Section({
  title,
  count,
  onAdd,
  children,
  ...refocus
}: {
  title: string;
  count: number;
  onAdd: () => void;
  children: ReactNode;
} & Refocusable) {
  const add = useTakeFocus<HTMLButtonElement>(refocus);
  return (
    <details className="topo-section" open>
      <summary>
        {title} <span className="muted">({count})</span>
      </summary>
      <ul className="topo-list" aria-label={title}>
        {children}
      </ul>
      <button ref={add} type="button" className="btn btn-plain btn-small" onClick={onAdd}>
        + Add {title === 'IOMMUs' ? 'IOMMU' : title === 'Devices' ? 'device' : 'process'}
      </button>
    </details>
  );
}

function Row({
  label,
  detail,
  onEdit,
  onRemove,
  onSelect,
  ...refocus
}: {
  label: string;
  detail: string;
  onEdit: () => void;
  onRemove: () => void;
  onSelect?: () => void;
} & Refocusable) {
  const edit = useTakeFocus<HTMLButtonElement>(refocus);
  return (
    <li className="topo-row">
      {onSelect ? (
        <button type="button" className="btn-link topo-name" onClick={onSelect} aria-label={`Select ${label}`}>
          {label}
        </button>
      ) : (
        <span className="topo-name">{label}</span>
      )}
      <span className="topo-detail">{detail}</span>
      <span className="topo-actions">
        <button
          ref={edit}
          type="button"
          className="btn btn-plain btn-small"
          onClick={onEdit}
          aria-label={`Edit ${label}`}
        >
          Edit
        </button>
        <button type="button" className="btn btn-plain btn-small" onClick={onRemove} aria-label={`Remove ${label}`}>
          Remove
        </button>
      </span>
    </li>
  );
}

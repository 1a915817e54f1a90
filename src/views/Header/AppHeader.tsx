import { useEffect, useState } from 'react';
import type { ChangeEvent } from 'react';
import { exportScenario, changePolicy } from '../../app/commands.ts';
import { fetchIndex } from '../../app/scenarios.ts';
import type { IndexEntry } from '../../app/scenarios.ts';
import type { Policy } from '../../engine/index.ts';
import { useClientStatus, useSandbox, useScenario } from '../../hooks/index.ts';
import { selectPolicy, selectSource, useUiStore } from '../../store/index.ts';
import { Field } from '../common/Field.tsx';
import { ExportMenu } from '../Export/ExportMenu.tsx';
import { openAnyFile } from '../Share/linkCommands.ts';
import { ShareMenu } from '../Share/ShareMenu.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { setPresent } from '../../share/session.ts';

const POLICY_LABEL: Record<Policy, string> = {
  global: 'global (mainline)',
  'per-device-cap': 'per-device-cap (RFC as posted)',
  'arch-gated': 'arch-gated (reviewer)',
  'driver-managed': 'driver-managed (converged)',
};
const POLICIES = Object.keys(POLICY_LABEL) as Policy[];

export function AppHeader() {
  const sb = useSandbox();
  const scenario = useScenario();
  const policy = useUiStore(selectPolicy);
  const source = useUiStore(selectSource);
  const [index, setIndex] = useState<IndexEntry[]>([]);

  useEffect(() => {
    let live = true;
    fetchIndex()
      .then((list) => {
        if (live) setIndex(list);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const onFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void openAnyFile(sb, file);
  };

  return (
    <header className="app-header">
      <div className="brand">
        {/* The engine badge sits by the name, small: in the controls' row it cost the header a row
            of its own at 1280 px. */}
        <div className="brand-line">
          <h1>pasid-sandbox</h1>
          <StatusBadge />
        </div>
        {/* Cut to two lines in the one-row header (styles.css): the whole title is its tooltip. */}
        <p className="subtitle" data-testid="scenario-title" title={scenario?.title}>
          {scenario?.title ?? 'No scenario loaded'}
        </p>
      </div>
      <div className="header-controls">
        <ScenarioPicker index={index} source={source} />
        <Field label="Kernel policy">
          <select
            data-testid="policy-select"
            value={policy}
            onChange={(e) => changePolicy(sb, e.target.value as Policy)}
          >
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {POLICY_LABEL[p]}
              </option>
            ))}
          </select>
        </Field>
        <label className="btn btn-plain file-button">
          Open file…
          <input
            type="file"
            accept=".json,application/json,.png,image/png,.svg,image/svg+xml"
            className="visually-hidden"
            data-testid="file-input"
            aria-label="Open a scenario JSON file"
            onChange={onFile}
          />
        </label>
        <button type="button" className="btn btn-plain" onClick={() => exportScenario(sb)} disabled={!scenario}>
          Export JSON
        </button>
        <ShareMenu />
        <ExportMenu />
        <button
          type="button"
          className="btn btn-plain"
          data-testid="present-button"
          disabled={!scenario}
          onClick={() => setPresent(true)}
        >
          Present
        </button>
      </div>
    </header>
  );
}

function StatusBadge() {
  const status = useClientStatus();
  const text =
    status.state === 'running'
      ? status.kind === 'worker'
        ? 'engine: worker'
        : 'engine: in-process'
      : status.state === 'restarting'
        ? 'engine: restarting…'
        : status.state === 'failed'
          ? 'engine: failed'
          : 'engine: starting…';
  return (
    <span className={`status status-${status.state}`} data-testid="engine-status" role="status">
      {text}
    </span>
  );
}

/**
 * The bundled-scenario picker: choosing in the list only marks a choice, the Open button (or Enter
 * in the list) loads it. A closed select changes its value on every arrow key, so loading on change
 * replaced an edited scenario at the first ArrowDown (WCAG 3.2.2: a change of context needs an
 * explicit action). Opening keeps the replaced scenario one Back away (share/address.ts).
 */
import { useState } from 'react';
import { openBundled } from '../../app/commands.ts';
import type { IndexEntry } from '../../app/scenarios.ts';
import { useSandbox } from '../../hooks/index.ts';

export function ScenarioPicker({ index, source }: { index: readonly IndexEntry[]; source: string | null }) {
  const sb = useSandbox();
  const inIndex = index.some((e) => e.file === source);
  const current = inIndex ? (source ?? '') : '';
  // The choice not yet opened; it is forgotten when another scenario opens by any route.
  const [choice, setChoice] = useState<{ file: string; over: string | null } | null>(null);
  const chosen = choice !== null && choice.over === source ? choice.file : current;
  const open = (): void => {
    if (!chosen) return;
    setChoice(null);
    void openBundled(sb, chosen);
  };
  return (
    <div className="scenario-picker">
      <label className="field">
        <span className="field-label">Scenario</span>
        <select
          data-testid="scenario-picker"
          value={chosen}
          onChange={(e) => setChoice({ file: e.target.value, over: source })}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || chosen === current) return;
            e.preventDefault();
            open();
          }}
        >
          {!inIndex ? <option value="">{source ?? '(none)'}</option> : null}
          {index.map((e) => (
            <option key={e.file} value={e.file}>
              {e.title}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn-plain"
        data-testid="scenario-open"
        aria-label="Open the chosen scenario"
        disabled={!chosen}
        onClick={open}
      >
        Open
      </button>
    </div>
  );
}

/**
 * Chrome shared by the live views: a titled section with a one-line summary, a diagram/table
 * switch (every view has a table equivalent) and optional extra controls.
 */
import { useId } from 'react';
import './views.css';
import type { ReactNode } from 'react';

import type { ViewMode } from '../../store/index.ts';

export type { ViewMode };

export interface ViewPanelProps {
  title: string;
  testId: string;
  summary?: ReactNode;
  mode?: ViewMode;
  onMode?: (mode: ViewMode) => void;
  controls?: ReactNode;
  children: ReactNode;
}

export function ViewPanel(p: ViewPanelProps) {
  const id = useId();
  return (
    <section className="vz-panel" aria-labelledby={id} data-testid={p.testId}>
      <header className="vz-panel-head">
        <h3 id={id}>{p.title}</h3>
        {p.summary !== undefined ? <p className="vz-summary">{p.summary}</p> : null}
        <div className="vz-controls">
          {p.controls}
          {p.mode !== undefined && p.onMode ? (
            <div className="vz-segmented" role="group" aria-label={`${p.title}: show as`}>
              {(['diagram', 'table'] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  aria-pressed={p.mode === m}
                  onClick={() => p.onMode?.(m)}
                  data-testid={`${p.testId}-mode-${m}`}
                >
                  {m === 'diagram' ? 'Diagram' : 'Table'}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      </header>
      {p.children}
    </section>
  );
}

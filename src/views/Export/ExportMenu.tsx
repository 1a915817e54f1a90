/** Export ▾: the current step as SVG or PNG (the link is inside), the scenario JSON, the text table. */
import { useSandbox, useScenario } from '../../hooks/index.ts';
import { Popover } from '../Share/Popover.tsx';
import { runExport } from './exportImage.ts';
import type { ExportKind } from './exportImage.ts';

const ITEMS: { kind: ExportKind; label: string; hint: string }[] = [
  { kind: 'png', label: 'PNG image', hint: 'for slides; drop it back here to reopen this step' },
  { kind: 'svg', label: 'SVG image', hint: 'scalable; carries the link too' },
  { kind: 'json', label: 'Scenario JSON', hint: 'for `npm run sim` and the file picker' },
  { kind: 'text', label: 'Text table', hint: 'fixed-width, for a mailing-list reply' },
];

export function ExportMenu() {
  const sb = useSandbox();
  const scenario = useScenario();
  return (
    <Popover label="Export" testId="export-menu">
      {(close) =>
        scenario ? (
          <ul className="export-list">
            {ITEMS.map((it) => (
              <li key={it.kind}>
                <button
                  type="button"
                  className="btn btn-plain"
                  data-testid={`export-${it.kind}`}
                  onClick={() => {
                    close();
                    void runExport(sb, it.kind);
                  }}
                >
                  {it.label}
                </button>{' '}
                <span className="muted">{it.hint}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Open a scenario first.</p>
        )
      }
    </Popover>
  );
}

/**
 * What the link has to say: a diagnostic when it could not be opened (what failed, how to
 * recover; never a blank page), and a banner when its replay no longer matches the hash it was
 * made with (and where the replays part ways).
 */
import { openBundled } from '../../app/commands.ts';
import { DEFAULT_SCENARIO } from '../../app/scenarios.ts';
import { useSandbox } from '../../hooks/index.ts';
import { shareStore, showDiagnostic } from '../../share/session.ts';
import { useFocusReturn } from '../common/focusReturn.ts';
import { openLink } from './linkCommands.ts';
import { useShare } from './useShare.ts';
import './share.css';

export function LinkBanners() {
  return (
    <>
      <LinkDiagnosticPanel />
      <DriftBanner />
    </>
  );
}

function LinkDiagnosticPanel() {
  const sb = useSandbox();
  const d = useShare((s) => s.diagnostic);
  const seq = useShare((s) => s.diagnosticSeq);
  const { onFocus, returnFocus } = useFocusReturn();
  if (!d) return null;
  return (
    <section
      className="link-diagnostic"
      role="alert"
      aria-labelledby="link-diagnostic-title"
      data-testid="link-diagnostic"
      data-seq={seq}
      onFocus={onFocus}
    >
      <h2 id="link-diagnostic-title">This link could not be opened</h2>
      <p>
        <code data-testid="link-problem">{d.problem}</code>{' '}
        <span className="muted">({d.length.toLocaleString('en')} characters in the link)</span>
      </p>
      <ul>
        {d.hints.map((h) => (
          <li key={h}>{h}</li>
        ))}
      </ul>
      <div className="link-diagnostic-actions">
        {d.bare ? (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              const bare = d.bare;
              // Inside another page's iframe the scenario opens embedded too.
              if (bare) void openLink(sb, shareStore.getState().embed ? { ...bare, embed: true } : bare);
            }}
          >
            Open the scenario without its settings
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-plain"
          onClick={() => {
            showDiagnostic(null);
            void openBundled(sb, DEFAULT_SCENARIO);
          }}
        >
          Open the RFC-problem scenario instead
        </button>
        <button
          type="button"
          className="btn btn-plain"
          onClick={(e) => {
            returnFocus(e);
            showDiagnostic(null);
          }}
        >
          Dismiss
        </button>
      </div>
    </section>
  );
}

function DriftBanner() {
  const drift = useShare((s) => s.drift);
  const { onFocus, returnFocus } = useFocusReturn();
  if (drift?.kind !== 'drift') return null;
  return (
    <div className="notice notice-drift" role="status" data-testid="drift-banner" onFocus={onFocus}>
      <span>
        <strong>Replay differs from the shared one.</strong> {drift.text} What you see is what this version computes.
      </span>
      <button
        type="button"
        className="btn btn-plain btn-small"
        onClick={(e) => {
          returnFocus(e);
          shareStore.setState({ drift: null });
        }}
      >
        Dismiss
      </button>
    </div>
  );
}

/**
 * Talk mode (`present=1`): the chrome is gone; large type; the live views; the step that just ran
 * and its result in big letters; the speaker notes (panel, or a second window over a
 * BroadcastChannel); clicker keys; a laser pointer; a black screen. Layout and theme come from
 * talk.css (the projector theme is pure black on white, thick lines, no colour-only cues).
 */
import { useCallback, useRef } from 'react';
import { ALL_POLICIES } from '../../engine/index.ts';
import type { CompareWith } from '../../engine/index.ts';
import { useScenario, useSandbox } from '../../hooks/index.ts';
import { urlFor } from '../../share/address.ts';
import { setPresent } from '../../share/session.ts';
import { showNotice } from '../../store/index.ts';
import {
  frameStore,
  selectCursor,
  selectFramePolicy,
  selectLength,
  selectVersion,
  useFrame,
} from '../../store/index.ts';
import { LazyLiveViews } from '../LiveViews/LazyLiveViews.tsx';
import { NoticeBanner } from '../Notice/NoticeBanner.tsx';
import { PolicyAbPanel } from '../PolicyAB/PolicyAbPanel.tsx';
import { LinkBanners } from '../Share/LinkBanners.tsx';
import { currentFragment } from '../Share/currentLink.ts';
import { useShare } from '../Share/useShare.ts';
import { TimelineBar } from '../Timeline/TimelineBar.tsx';
import { ResultBadge } from '../common/ResultText.tsx';
import { stepText } from '../common/stepText.ts';
import { LaserPointer } from './LaserPointer.tsx';
import { SpeakerNotes } from './SpeakerNotes.tsx';
import { useRevealChange } from './useRevealChange.ts';
import { useTalkKeys } from './useTalkKeys.ts';
import './talk.css';

export function TalkShell() {
  const sb = useSandbox();
  const openNotesWindow = useCallback(() => {
    let f: string | null;
    try {
      f = currentFragment(sb, { view: 'notes', present: true });
    } catch (e) {
      // The notes window opens from a link; a scenario too large for one keeps the notes panel.
      showNotice({ kind: 'error', text: `Notes window: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    if (f !== null) window.open(urlFor(f), 'pasid-sandbox-notes', 'popup,width=960,height=720');
  }, [sb]);
  useTalkKeys(sb.root, openNotesWindow);
  const main = useRef<HTMLElement>(null);
  const foot = useRef<HTMLElement>(null);
  useRevealChange(main, foot);
  const laser = useShare((s) => s.laser);
  const blank = useShare((s) => s.blank);
  const notesPanel = useShare((s) => s.notesPanel);
  const notesWindow = useShare((s) => s.notesWindow);
  const policyB = useShare((s) => s.policyB);

  return (
    <div className="talk" data-testid="talk">
      <TalkHeader onNotesWindow={openNotesWindow} />
      <NoticeBanner />
      <LinkBanners />
      {/* Focusable as in the main view: where a dismissed notice with nowhere else to go leaves focus. */}
      <main id="main" ref={main} className={`talk-main${talkLayout(policyB)}`} tabIndex={-1}>
        <div className="talk-views">
          {/* The views' panels are h3s, under the page's h1 (axe: heading-order). */}
          <h2 className="visually-hidden">Live views</h2>
          <LazyLiveViews />
        </div>
        {policyB ? <PolicyAbPanel compact /> : null}
      </main>
      <footer className="talk-foot" ref={foot}>
        <CurrentStep />
        {notesPanel && !notesWindow ? <SpeakerNotes /> : null}
        <TimelineBar compact />
      </footer>
      {laser ? <LaserPointer /> : null}
      {blank ? (
        <div className="talk-blank" data-testid="talk-blank" aria-label="Screen blanked (press B)" role="img" />
      ) : null}
    </div>
  );
}

/** The talk screen's layout class: A/B beside the views, the four-policy matrix given more room beside them. */
function talkLayout(policyB: CompareWith | undefined): string {
  if (policyB === ALL_POLICIES) return ' talk-all';
  return policyB ? ' talk-ab' : '';
}

function TalkHeader({ onNotesWindow }: { onNotesWindow: () => void }) {
  const scenario = useScenario();
  const cursor = useFrame(selectCursor);
  const length = useFrame(selectLength);
  const policy = useFrame(selectFramePolicy);
  const policyB = useShare((s) => s.policyB);
  return (
    <header className="talk-head">
      <h1 className="talk-title">{scenario?.title ?? 'pasid-sandbox'}</h1>
      <p className="talk-meta">
        <span data-testid="talk-cursor">
          Step {cursor} / {length}
        </span>
        <span>
          policy <strong>{policy ?? '…'}</strong>
          {policyB === ALL_POLICIES ? (
            <>
              {' '}
              vs <strong>the other three</strong>
            </>
          ) : policyB ? (
            <>
              {' '}
              vs <strong>{policyB}</strong>
            </>
          ) : null}
        </span>
      </p>
      <div className="talk-tools">
        <button type="button" className="btn btn-plain btn-small" onClick={onNotesWindow}>
          Notes window (W)
        </button>
        <button
          type="button"
          className="btn btn-plain btn-small"
          data-testid="leave-talk"
          onClick={() => setPresent(false)}
        >
          Leave (Esc)
        </button>
      </div>
    </header>
  );
}

/** The step just applied, with its result in words (and ✓/✗), big enough for the back row. */
function CurrentStep() {
  useFrame(selectVersion);
  const cursor = useFrame(selectCursor);
  const model = frameStore.getState().frame?.model;
  const step = cursor > 0 ? model?.logSteps[cursor - 1] : undefined;
  const result = cursor > 0 ? model?.log[cursor - 1] : undefined;
  return (
    <section className="talk-step" aria-live="polite" data-testid="talk-step">
      {step && result ? (
        <>
          <span className="talk-step-n">{cursor}.</span> <code>{stepText(step)}</code> <ResultBadge result={result} />
          {(result.message ?? result.via) ? <span className="talk-kernel">{result.message ?? result.via}</span> : null}
        </>
      ) : (
        <span className="muted">Before the first step — press → to start.</span>
      )}
    </section>
  );
}

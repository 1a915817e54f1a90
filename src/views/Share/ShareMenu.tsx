/**
 * Share ▾: the link for this exact step (with its length: chat apps cut long links), copy it or
 * the mailing-list text table, and start talk mode.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useSandbox } from '../../hooks/index.ts';
import { setPresent } from '../../share/session.ts';
import { showNotice } from '../../store/index.ts';
import { currentTextTable, currentUrl, embedCode } from './currentLink.ts';
import { Popover } from './Popover.tsx';

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showNotice({ kind: 'info', text: `Copied ${what}.` });
  } catch {
    showNotice({ kind: 'error', text: `Could not copy ${what}: select it in the Share panel and press Ctrl+C.` });
  }
}

/** A titled read-only text to copy (selected on focus), its Copy button, and what follows the button. */
function CopyField(p: {
  title: string;
  value: string;
  rows: number;
  testId: string;
  label: string;
  button: string;
  /** For the notice: "Copied the link." */
  what: string;
  primary?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <h3>{p.title}</h3>
      <textarea
        readOnly
        rows={p.rows}
        value={p.value}
        data-testid={p.testId}
        aria-label={p.label}
        onFocus={(e) => e.target.select()}
      />
      <div className="row">
        <button
          type="button"
          className={p.primary ? 'btn btn-primary' : 'btn btn-plain'}
          onClick={() => void copy(p.value, p.what)}
        >
          {p.button}
        </button>
        {p.children}
      </div>
    </>
  );
}

export function ShareMenu() {
  return (
    <Popover label="Share" testId="share-menu">
      {(close) => <SharePanel close={close} />}
    </Popover>
  );
}

function SharePanel({ close }: { close: () => void }) {
  const sb = useSandbox();
  const [url] = useState((): string | Error | null => {
    try {
      return currentUrl(sb);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  });
  const [table] = useState(() => currentTextTable(sb));
  // Null when the scenario cannot go into a link: the panel then says why (below) and shows no code.
  const [embed] = useState((): string | null => {
    try {
      return embedCode(sb);
    } catch {
      return null;
    }
  });
  if (url === null) return <p className="muted">Open a scenario first.</p>;
  if (url instanceof Error) {
    return (
      <p role="alert" data-testid="share-error">
        No link for this scenario: {url.message}. Use Export → JSON to share it as a file.
      </p>
    );
  }
  return (
    <>
      <CopyField
        title="Link to this step"
        value={url}
        rows={4}
        testId="share-url"
        label="Share link"
        button="Copy link"
        what="the link"
        primary
      >
        <span className="muted" data-testid="share-length">
          {url.length.toLocaleString('en')} characters
          {url.length > 2000 ? ' — too long for some chat apps; share the JSON file instead' : ''}
        </span>
      </CopyField>
      <CopyField
        title="For a mailing-list reply"
        value={table ?? ''}
        rows={6}
        testId="share-text"
        label="Trace as plain text"
        button="Copy text table"
        what="the text table"
      />
      <CopyField
        title="Embed in a web page"
        value={embed ?? ''}
        rows={3}
        testId="share-embed"
        label="Embed code"
        button="Copy embed code"
        what="the embed code"
      >
        <span className="muted">An iframe of this step: playback, narration and the live views, read-only.</span>
      </CopyField>
      <h3>Present</h3>
      <div className="row">
        <button
          type="button"
          className="btn btn-plain"
          data-testid="start-talk"
          onClick={() => {
            setPresent(true);
            close();
          }}
        >
          Start talk mode
        </button>
        {/* The keys of Talk/useTalkKeys.ts (talkAction), all of them. */}
        <span className="muted" data-testid="talk-keys-hint">
          In talk mode: → ↓ PageDown Space Enter next, ← ↑ PageUp Shift+Space Backspace back, Home / End first / last, B
          or . black screen, L laser, N notes, Shift+↓ / Shift+↑ scroll a long note, W notes window, T theme, P play, F
          full screen, Esc leaves
        </span>
      </div>
    </>
  );
}

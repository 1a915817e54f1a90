/**
 * Share ▾: the link for this exact step (with its length: chat apps cut long links), copy it or
 * the mailing-list text table, and start talk mode.
 */
import { useState } from 'react';
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
      <h3>Link to this step</h3>
      <textarea
        readOnly
        rows={4}
        value={url}
        data-testid="share-url"
        aria-label="Share link"
        onFocus={(e) => e.target.select()}
      />
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void copy(url, 'the link')}>
          Copy link
        </button>
        <span className="muted" data-testid="share-length">
          {url.length.toLocaleString('en')} characters
          {url.length > 2000 ? ' — too long for some chat apps; share the JSON file instead' : ''}
        </span>
      </div>
      <h3>For a mailing-list reply</h3>
      <textarea
        readOnly
        rows={6}
        value={table ?? ''}
        data-testid="share-text"
        aria-label="Trace as plain text"
        onFocus={(e) => e.target.select()}
      />
      <div className="row">
        <button type="button" className="btn btn-plain" onClick={() => void copy(table ?? '', 'the text table')}>
          Copy text table
        </button>
      </div>
      <h3>Embed in a web page</h3>
      <textarea
        readOnly
        rows={3}
        value={embed ?? ''}
        data-testid="share-embed"
        aria-label="Embed code"
        onFocus={(e) => e.target.select()}
      />
      <div className="row">
        <button type="button" className="btn btn-plain" onClick={() => void copy(embed ?? '', 'the embed code')}>
          Copy embed code
        </button>
        <span className="muted">An iframe of this step: playback, narration and the live views, read-only.</span>
      </div>
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

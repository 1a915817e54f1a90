/**
 * The talk channel: the presenting window and its speaker-notes window (same app, opened with
 * `#…&view=notes`) talk over a BroadcastChannel, which works offline and needs no server. The
 * presenting window owns the sandbox; the notes window only shows what it is told and sends
 * navigation back (so a clicker works with either window focused).
 */
import type { NotesNav } from './talkAction.ts';

export type { NotesNav } from './talkAction.ts';

export const TALK_CHANNEL = 'pasid-sandbox-talk';

/** One step as the notes window shows it. */
export interface NotesStep {
  /** 1-based step number. */
  n: number;
  text: string;
  note: string | null;
  /** "ok · PASID 3", "ENOSPC", … (null before the step runs). */
  result: string | null;
  ok: boolean | null;
}

export interface NotesState {
  title: string;
  policy: string;
  policyB: string | null;
  cursor: number;
  length: number;
  /** The step just applied (its note is what the presenter is talking about). */
  current: NotesStep | null;
  next: NotesStep | null;
  /** The scenario's own notes (shown before the first step). */
  intro: string | null;
}

export type TalkMessage =
  { type: 'hello' } | { type: 'bye' } | { type: 'nav'; nav: NotesNav } | { type: 'state'; state: NotesState };

/** Opens the channel; returns null where BroadcastChannel does not exist. */
export function openTalkChannel(
  onMessage: (m: TalkMessage) => void
): { post(m: TalkMessage): void; close(): void } | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const ch = new BroadcastChannel(TALK_CHANNEL);
  ch.onmessage = (e: MessageEvent<unknown>) => {
    const m = e.data as TalkMessage | null;
    if (m && typeof m === 'object' && typeof m.type === 'string') onMessage(m);
  };
  return {
    post: (m) => ch.postMessage(m),
    close: () => ch.close(),
  };
}

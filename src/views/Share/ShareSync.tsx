/**
 * The link's side effects, mounted once by the app (renders nothing):
 * - writes the share fragment for what is on screen with history.replaceState (Back is never
 *   flooded), a little after the last change; a newly opened scenario's link is pushed as it
 *   shows, so Back returns to the one it replaced at once (address.ts keepInHistory);
 * - reacts to a fragment changed by hand or by a pasted link (hashchange): only the settings
 *   changed → applied in place (and its drift token checked); another scenario → opened;
 *   broken → diagnostic;
 * - runs the analysis worker for the scenario on screen: the drift token links carry, the drift
 *   report for an opened link, the policy A/B runs and each policy's state at the cursor;
 * - applies the session theme and answers the speaker-notes window on the talk channel.
 */
import { useEffect } from 'react';
import type { CompareWith, Policy, Scenario } from '../../engine/index.ts';
import { useSandbox } from '../../hooks/index.ts';
import type { Sandbox } from '../../hooks/index.ts';
import { setAddressWriter, writeFragment } from '../../share/address.ts';
import type { WriteMode } from '../../share/address.ts';
import { comparedPolicies } from '../../share/analysis.ts';
import { getAnalysisClient } from '../../share/analysisClient.ts';
import { AUTO_WRITE_MAX, encodeLinkHead, LinkWriter, onLinkHead, primeLinkHead, readLink } from '../../share/link.ts';
import { createWriteSchedule } from '../../share/writeSchedule.ts';
import type { WriteTiming } from '../../share/writeSchedule.ts';
import { linkPresentation, shareStore, showDiagnostic } from '../../share/session.ts';
import { notesWrittenFor, noteText } from '../../share/notesPolicy.ts';
import { showNotice, useUiStore } from '../../store/index.ts';
import { runTalkAction } from '../Talk/runTalkAction.ts';
import { notesNav } from '../Talk/talkAction.ts';
import { openTalkChannel } from '../Talk/talkChannel.ts';
import type { NotesState } from '../Talk/talkChannel.ts';
import { resultSummary } from '../common/ResultText.tsx';
import { stepText } from '../common/stepText.ts';
import { applyLinkViews, openLink, showLinkError } from './linkCommands.ts';
import { linkNotice } from './linkSettings.ts';
import { layoutOf, viewParam } from './viewParam.ts';

/**
 * Address writes (writeSchedule.ts). A long fragment (a big topology) waits longer: each
 * replaceState of a 32 KB address cost the browser process 0.15-0.2 s of CPU here (its session
 * history, and DevTools when attached), taken from the page on a two-core machine.
 */
const SHORT_WRITES: WriteTiming = { quiet: 120, maxWait: 1000 };
const LONG_FRAGMENT = 8 * 1024;
const LONG_WRITES: WriteTiming = { quiet: 600, maxWait: 5000 };

/** Runs `fn` when the main thread is idle (never in the middle of a step's frame), within a second. */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
  else fn();
}

export function ShareSync() {
  const sb = useSandbox();
  useEffect(() => startUrlSync(sb), [sb]);
  useEffect(() => startAnalysis(sb), [sb]);
  useEffect(() => startTalkChannel(sb), [sb]);
  useEffect(() => {
    const apply = (): void => {
      const { theme, present } = shareStore.getState();
      const root = document.documentElement;
      if (theme) root.dataset.theme = theme;
      else delete root.dataset.theme;
      root.classList.toggle('is-presenting', present);
    };
    apply();
    return shareStore.subscribe(apply);
  }, []);
  return null;
}

function startUrlSync(sb: Sandbox): () => void {
  const writer = new LinkWriter();
  let stopped = false;
  let written = '';
  /** The fragment last written or handled: anything else in the address bar is a change not yet handled. */
  let seen = location.hash.slice(1);
  /** Whether the address bar holds what is on screen; false once a scenario outgrew it. */
  let following = true;
  /**
   * Says once, when the address bar stops following the screen, that a reload would reopen the
   * older link; a scenario that fits again (an edit undone, another opened) resets it.
   */
  const unfollowed = (why: string): void => {
    if (!following) return;
    following = false;
    showNotice({
      kind: 'info',
      text: `The address bar no longer follows this scenario: ${why}, so a reload reopens the last link it holds. Keep it with Export ▾ → Scenario JSON.`,
    });
  };
  const write = (mode: WriteMode = 'replace'): void => {
    const scenario = sb.client.scenario;
    const policy = sb.client.policy;
    const s = shareStore.getState();
    // A broken link stays in the address bar until something else opens, so it can be inspected;
    // a fragment changed by hand is never overwritten before its hashchange is handled; and while
    // a load runs, the address may hold the link being opened (Back, Forward, a pasted link):
    // writing what is still on screen over it would make the entry another scenario's.
    if (!scenario || !policy || s.diagnostic || location.hash.slice(1) !== seen) return;
    if (sb.root.getSnapshot().matches('loading')) return;
    // The scenario's head comes from the analysis worker (primeLinkHead, then onLinkHead calls
    // schedule): encoding a big topology here is a 40-60 ms task in the middle of stepping. A
    // scenario that just replaced another is encoded here once if need be: its link must be in
    // the history as it shows, or a Back before the worker answers leaves the app.
    if (mode === 'replace' && !writer.ready({ scenario, policy })) return;
    let fragment: string;
    try {
      fragment = writer.fragment({
        scenario,
        policy,
        cursor: Math.min(sb.client.model.cursor, scenario.steps.length),
        view: viewParam(layoutOf(useUiStore.getState())),
        present: s.present,
        embed: s.embed,
        theme: s.theme,
        policyB: s.policyB,
        hash: s.token,
      });
    } catch (e) {
      // Not linkable (too large for a link): the address bar keeps what it has; the Share menu
      // says why when asked for a link.
      unfollowed(`it cannot go into a link (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    if (fragment.length > AUTO_WRITE_MAX) {
      unfollowed(
        `its link is ${Math.round(fragment.length / 1024)} KB, over the ${AUTO_WRITE_MAX / 1024} KB kept there`
      );
      return;
    }
    following = true;
    // Pushed or not, this is now the link of what is on screen: the next write replaces it, and a
    // Back to the entry below is a hashchange to another link, which reopens it.
    written = fragment;
    seen = fragment;
    writeFragment(fragment, mode);
  };
  const writes = createWriteSchedule(
    () => (written.length > LONG_FRAGMENT ? LONG_WRITES : SHORT_WRITES),
    () =>
      whenIdle(() => {
        if (!stopped) write();
      })
  );
  const schedule = (): void => writes.changed();
  const onHash = (): void => {
    const text = location.hash.slice(1);
    seen = text;
    schedule();
    if (text === '') return;
    if (text === written) {
      // Back to the link of what is on screen: an earlier broken link is no longer the subject.
      if (shareStore.getState().diagnostic) showDiagnostic(null);
      return;
    }
    const read = readLink(text);
    if (read.kind === 'none') return;
    if (read.kind === 'error') {
      showLinkError(text, read.diagnostic);
      return;
    }
    const { link } = read;
    const sameScenario = written !== '' && text.split('&')[0] === written.split('&')[0];
    if (sameScenario) {
      // Only the settings changed (a presenter editing "&cursor=5"): apply them in place. A token
      // other than the one of the replay on screen (which a link the address bar wrote carries)
      // says the link comes from another replay: check it, as opening it afresh would.
      const scenario = sb.client.scenario;
      const check = scenario !== null && link.hash !== undefined && link.hash !== shareStore.getState().token;
      shareStore.setState({
        ...linkPresentation(link),
        view: link.view,
        policyB: link.policyB,
        diagnostic: null,
        ...(check
          ? { linked: { scenario, policy: link.scenario.policy ?? 'global', token: link.hash }, drift: null }
          : {}),
      });
      applyLinkViews(link.view);
      const notice = linkNotice(link);
      if (notice !== null) showNotice({ kind: 'info', text: notice });
      if (link.cursor !== undefined && link.cursor !== sb.client.model.cursor) {
        sb.root.send({ type: 'sim.seek', cursor: link.cursor });
      }
      schedule();
      return;
    }
    written = text;
    void openLink(sb, link, read.repairs);
  };
  // Another scenario opened after a broken link was diagnosed (library, file, edit): the broken
  // link is no longer the subject. A load that began before the diagnostic does not count.
  let loadAfterDiagnostic = false;
  let wasLoading = false;
  const rootSub = sb.root.subscribe((snap) => {
    const loading = snap.matches('loading');
    if (loading && !wasLoading && shareStore.getState().diagnostic) loadAfterDiagnostic = true;
    wasLoading = loading;
  });
  const offFrame = sb.client.onFrame(schedule);
  const offHead = onLinkHead(schedule);
  const offScenario = sb.client.onScenario(() => {
    if (loadAfterDiagnostic && shareStore.getState().diagnostic) showDiagnostic(null);
    loadAfterDiagnostic = false;
    schedule();
  });
  const offShare = shareStore.subscribe((s, prev) => {
    if (s.diagnosticSeq !== prev.diagnosticSeq) loadAfterDiagnostic = false;
    schedule();
  });
  const offUi = useUiStore.subscribe((s, prev) => {
    if (s.views !== prev.views || s.viewModes !== prev.viewModes || s.panels !== prev.panels) schedule();
  });
  window.addEventListener('hashchange', onHash);
  const offWriter = setAddressWriter(write);
  return () => {
    offWriter();
    rootSub.unsubscribe();
    offHead();
    offUi();
    offFrame();
    offScenario();
    offShare();
    window.removeEventListener('hashchange', onHash);
    stopped = true;
    writes.cancel();
  };
}

function startAnalysis(sb: Sandbox): () => void {
  const ac = getAnalysisClient();
  let key: { scenario: Scenario; policy: Policy; policyB: CompareWith | undefined } | null = null;
  let seq = 0;
  let atSeq = 0;
  let atCursor = -1;
  let analysed = false;
  /** A pasted link of the scenario on screen brought a token to compare: analyse again. */
  let recheck = false;
  const refreshAt = (): void => {
    const cursor = sb.client.model.cursor;
    // Only the A/B panel shows the compared policies' state at the cursor; without a comparison the
    // (large: every process and device) final state would be computed and copied for nothing.
    if (!analysed || cursor === atCursor || shareStore.getState().policyB === undefined) return;
    atCursor = cursor;
    const mine = ++atSeq;
    ac.at(cursor).then(
      (at) => {
        if (mine === atSeq) shareStore.setState({ at });
      },
      () => undefined
    );
  };
  const run = (): void => {
    const scenario = sb.client.scenario;
    const policy = sb.client.policy;
    const { policyB, linked } = shareStore.getState();
    if (!scenario || !policy) return;
    if (policyB !== undefined && (policyB === policy || policyB === sb.client.model.policy)) {
      // A policy compared with itself compares nothing (the select lists only the others): drop B,
      // which also drops it from the link. The store's subscription below runs this again. The
      // frame's policy counts too: a switch's frame is published before its ack updates `policy`.
      shareStore.setState({ policyB: undefined, ab: null, at: null });
      return;
    }
    const same = key?.scenario === scenario && key.policy === policy;
    if (same && key?.policyB === policyB && !recheck) {
      refreshAt();
      return;
    }
    recheck = false;
    key = { scenario, policy, policyB };
    analysed = false;
    atCursor = -1;
    const mine = ++seq;
    // Until analysed, no token: the one held is another scenario's or policy's, and a link written
    // meanwhile (a newly opened scenario's, at once) would carry it.
    if (!same && shareStore.getState().token !== undefined) shareStore.setState({ token: undefined });
    // The link's hash describes the linked scenario under the link's own policy, nothing else.
    const compare = linked?.scenario === scenario && linked.policy === policy ? linked.token : undefined;
    ac.analyze(scenario, policy, comparedPolicies(policy, policyB), compare ?? null).then(
      (r) => {
        // Before anything that writes the address: the link's head is ready without encoding here.
        primeLinkHead(scenario, policy, typeof r.link === 'string' ? r.link : new Error(r.link.error));
        if (mine !== seq) return;
        analysed = true;
        shareStore.setState({ token: r.token, drift: compare === undefined ? null : r.drift, ab: r.runs });
        refreshAt();
      },
      () => {
        // No analysis (its worker failed): the address bar still follows, encoded here.
        primeLinkHead(scenario, policy, encodeLinkHead(scenario, policy));
      }
    );
  };
  run();
  const offFrame = sb.client.onFrame(run);
  const offScenario = sb.client.onScenario(run);
  const offShare = shareStore.subscribe((s, prev) => {
    if (s.linked !== prev.linked && s.linked?.scenario === sb.client.scenario) recheck = true;
    if (s.policyB !== prev.policyB || recheck) run();
  });
  return () => {
    offFrame();
    offScenario();
    offShare();
  };
}

/** What the notes window shows, from the model and the scenario. */
export function notesState(sb: Sandbox): NotesState | null {
  const scenario = sb.client.scenario;
  if (!scenario) return null;
  const m = sb.client.model;
  const cursor = m.cursor;
  const step = cursor > 0 ? (m.logSteps[cursor - 1] ?? scenario.steps[cursor - 1]) : undefined;
  const result = cursor > 0 ? m.log[cursor - 1] : undefined;
  const next = scenario.steps[cursor];
  // Notes are written for the scenario's own policy (see share/notesPolicy.ts).
  const writtenFor = notesWrittenFor(scenario, sb.client.policy ?? 'global');
  const note = (n: string | undefined): string | null => (n === undefined ? null : noteText(n, writtenFor));
  return {
    title: scenario.title ?? 'Untitled scenario',
    policy: sb.client.policy ?? 'global',
    policyB: shareStore.getState().policyB ?? null,
    cursor,
    length: scenario.steps.length,
    current: step
      ? {
          n: cursor,
          text: stepText(step),
          note: note(step.note),
          result: result ? resultSummary(result) : null,
          ok: result ? result.ok : null,
        }
      : null,
    next: next ? { n: cursor + 1, text: stepText(next), note: note(next.note), result: null, ok: null } : null,
    intro: scenario.notes ?? null,
  };
}

function startTalkChannel(sb: Sandbox): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const ch = openTalkChannel((m) => {
    if (m.type === 'hello') {
      shareStore.setState({ notesWindow: true });
      send();
    } else if (m.type === 'bye') {
      shareStore.setState({ notesWindow: false });
    } else if (m.type === 'nav') {
      // Blank and leave only mean something in talk mode (its black layer, its exit).
      const nav = notesNav(m.nav);
      if (!nav || ((nav === 'blank' || nav === 'leave') && !shareStore.getState().present)) return;
      runTalkAction(nav, sb.root, () => undefined);
    }
  });
  if (!ch) return () => undefined;
  const send = (): void => {
    timer = null;
    const state = notesState(sb);
    if (state && shareStore.getState().notesWindow) ch.post({ type: 'state', state });
  };
  const schedule = (): void => {
    timer ??= setTimeout(send, 30);
  };
  const offFrame = sb.client.onFrame(schedule);
  const offScenario = sb.client.onScenario(schedule);
  return () => {
    offFrame();
    offScenario();
    if (timer) clearTimeout(timer);
    ch.close();
  };
}

/**
 * User commands that span the store and the actors (load, open, export, policy). Views call
 * these; each one ends in events to the root actor and store actions, nothing else.
 */
import { waitFor } from 'xstate';
import type { Policy, Scenario } from '../engine/index.ts';
import type { Sandbox } from '../hooks/index.ts';
import { keepInHistory, settleAddress } from '../share/address.ts';
import { notesEdited, scenarioUnder } from '../share/notesPolicy.ts';
import { scenarioLoaded, setPolicy, showNotice, useUiStore } from '../store/index.ts';
import { editRefusal } from './editRefusal.ts';
import { fetchScenario, parseScenarioText, validateScenario } from './scenarios.ts';

/**
 * Loads a parsed scenario (with its own policy unless `policy` is given). On failure the notice
 * shows why and the previous scenario stays loaded.
 * @returns whether the sandbox now shows `scenario`.
 */
export async function loadScenario(
  sb: Sandbox,
  scenario: Scenario,
  source: string,
  cursor = 0,
  policy?: Policy
): Promise<boolean> {
  const p = policy ?? scenario.policy ?? 'global';
  sb.root.send({ type: 'scenario.load', scenario, policy: p, cursor });
  const snap = await waitFor(sb.root, (s) => !s.matches('loading'), { timeout: 120_000 });
  if (snap.context.error !== null) {
    showNotice({ kind: 'error', text: `${source}: ${snap.context.error}` });
    sb.root.send({ type: 'error.dismiss' });
    return false;
  }
  scenarioLoaded(source, p);
  return true;
}

/**
 * Runs a load that replaces the scenario on screen with another document; when it succeeds, the
 * replaced one (interactive steps and all) stays in the history, one Back away from the moment
 * the new one shows.
 */
export async function replacing(load: () => Promise<boolean>): Promise<boolean> {
  settleAddress();
  const ok = await load();
  if (ok) keepInHistory();
  return ok;
}

/** Loads a bundled scenario by file name. */
export function openBundled(sb: Sandbox, file: string): Promise<boolean> {
  return replacing(async () => {
    try {
      return await loadScenario(sb, await fetchScenario(file), file);
    } catch (e) {
      showNotice({ kind: 'error', text: errorText(e, file) });
      return false;
    }
  });
}

/** Loads a file the user chose or dropped. A malformed file leaves the current scenario intact. */
export function openFile(sb: Sandbox, file: File): Promise<boolean> {
  return replacing(async () => {
    let scenario: Scenario;
    try {
      scenario = parseScenarioText(await file.text());
    } catch (e) {
      showNotice({ kind: 'error', text: errorText(e, file.name) });
      return false;
    }
    return loadScenario(sb, scenario, file.name);
  });
}

/** Reloads with an edited scenario (topology editor), keeping the cursor where possible. */
export async function applyEdit(sb: Sandbox, edited: Scenario): Promise<boolean> {
  const before = sb.client.scenario;
  let scenario: Scenario;
  try {
    scenario = validateScenario(edited);
  } catch (e) {
    // Steps that name a removed or renamed device, process or IOMMU: all of them, in step-log numbers.
    showNotice({ kind: 'error', text: (before && editRefusal(before, edited)) ?? errorText(e, 'edit') });
    return false;
  }
  // The notes were written for the old topology: from now on they say so (notesPolicy.ts).
  if (before) scenario = notesEdited(before, scenario);
  const { source, policy } = useUiStore.getState();
  const cursor = Math.min(sb.client.model.cursor, scenario.steps.length);
  return loadScenario(sb, scenario, source ?? 'edited scenario', cursor, policy);
}

/** Switches the kernel policy and replays to the same step. */
export function changePolicy(sb: Sandbox, policy: Policy): void {
  setPolicy(policy);
  sb.root.send({ type: 'policy.change', policy });
}

/** The current scenario as the user would share it: interactive steps included, policy as selected (notes marked when it is not theirs). */
export function currentScenarioJson(sb: Sandbox): string | null {
  const s = sb.client.scenario;
  if (!s) return null;
  return `${JSON.stringify(scenarioUnder(s, useUiStore.getState().policy), null, 2)}\n`;
}

/** Downloads the current scenario as a .json file. */
export function exportScenario(sb: Sandbox): void {
  const json = currentScenarioJson(sb);
  if (json === null) return;
  const name = `${
    (sb.client.scenario?.title ?? 'scenario')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'scenario'
  }.json`;
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  showNotice({ kind: 'info', text: `Exported ${name}` });
}

function errorText(e: unknown, source: string): string {
  return `${source}: ${e instanceof Error ? e.message : String(e)}`;
}

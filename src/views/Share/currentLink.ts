/** The share link and the mailing-list text for what is on screen. */
import { traceTextTable } from '../../engine/index.ts';
import type { Sandbox } from '../../hooks/index.ts';
import { urlFor } from '../../share/address.ts';
import { LinkWriter } from '../../share/link.ts';
import { xmlEscape } from '../../share/svg.ts';
import { shareStore } from '../../share/session.ts';
import { useUiStore } from '../../store/index.ts';
import { mailText } from './mailText.ts';
import { layoutOf, viewParam } from './viewParam.ts';

const writer = new LinkWriter();

/** The fragment (no '#') for the current scenario, policy, cursor and session settings; null before a load. */
export function currentFragment(
  sb: Sandbox,
  overrides: { present?: boolean; embed?: boolean; view?: string } = {}
): string | null {
  const scenario = sb.client.scenario;
  const policy = sb.client.policy;
  if (!scenario || !policy) return null;
  const s = shareStore.getState();
  return writer.fragment({
    scenario,
    policy,
    cursor: Math.min(sb.client.model.cursor, scenario.steps.length),
    view: 'view' in overrides ? overrides.view : viewParam(layoutOf(useUiStore.getState())),
    present: overrides.present ?? s.present,
    embed: overrides.embed ?? s.embed,
    theme: s.theme,
    policyB: s.policyB,
    hash: s.token,
  });
}

/** The full URL to share. */
export function currentUrl(sb: Sandbox): string | null {
  const f = currentFragment(sb);
  return f === null ? null : urlFor(f);
}

/**
 * An iframe of the current step for another page (`embed=1`, never in talk mode): a title for
 * screen readers, full screen allowed (slide tools ask for it), loaded when scrolled to.
 */
export function embedCode(sb: Sandbox): string | null {
  const f = currentFragment(sb, { embed: true, present: false });
  if (f === null) return null;
  const title = `pasid-sandbox: ${sb.client.scenario?.title ?? 'a scenario'}`;
  return `<iframe src="${xmlEscape(urlFor(f))}" title="${xmlEscape(title)}" width="960" height="640" style="border:0" allowfullscreen loading="lazy"></iframe>`;
}

/**
 * The steps applied so far as a fixed-width table for a mailing-list reply, with a title line and,
 * when it is short enough, the link that reopens the same step.
 */
export function currentTextTable(sb: Sandbox): string | null {
  const scenario = sb.client.scenario;
  if (!scenario) return null;
  const m = sb.client.model;
  const n = Math.min(m.cursor, m.log.length);
  const steps =
    n === 0 ? `no step applied yet, of ${scenario.steps.length}` : `steps 1-${n} of ${scenario.steps.length}`;
  const title = `${scenario.title ?? 'Untitled scenario'} (policy ${sb.client.policy ?? 'global'}), ${steps}`;
  return mailText(traceTextTable(m.logSteps.slice(0, n), m.log.slice(0, n), { title }), () => currentUrl(sb));
}

/**
 * The link settings whose values the app defines (`view`, `theme`): the codec only checks their
 * characters, so a value this app does not know opens the link as if it were absent, and a
 * notice says so, naming the value and the ones it knows.
 */
import type { ShareLink } from '../../engine/index.ts';
import { THEMES, themeOf } from '../../share/session.ts';
import { isKnownView, VIEW_VALUES } from './viewParam.ts';

/** One phrase per `view` or `theme` value this app does not know (none for a link it reads whole). */
export function unknownSettings(link: Pick<ShareLink, 'view' | 'theme'>): string[] {
  const out: string[] = [];
  if (link.view !== undefined && !isKnownView(link.view)) {
    out.push(`view "${link.view}" is not a list of views: ${VIEW_VALUES}`);
  }
  if (link.theme !== undefined && themeOf(link.theme) === undefined) {
    out.push(`theme "${link.theme}" is not a theme: ${THEMES.join(', ')}`);
  }
  return out;
}

/** What to tell about a link just opened or applied: its repairs and ignored settings, or null for neither. */
export function linkNotice(link: Pick<ShareLink, 'view' | 'theme'>, repairs: readonly string[] = []): string | null {
  const said: string[] = [];
  if (repairs.length > 0) said.push(`Opened a damaged link: ${repairs.join('; ')}.`);
  const unknown = unknownSettings(link);
  if (unknown.length > 0)
    said.push(`Link ${unknown.length > 1 ? 'settings' : 'setting'} ignored: ${unknown.join('; ')}.`);
  return said.length > 0 ? said.join(' ') : null;
}

/**
 * Which talk keys a focused element keeps for itself. A clicker sends PageDown/PageUp, arrows,
 * B or "."; Enter and Space are what a keyboard user presses on a focused control, so there they
 * must press the button, follow the link, pick the tab (not step). Text fields keep every key but
 * Esc. A slider keeps none: the timeline scrubber keeps focus after a click, and there its own
 * PageDown (a step *back* in Chromium) and a swallowed B or Space turned the speaker's clicker
 * against them. Its arrows and Home/End mean what the talk keys mean anyway (one step, first,
 * last), so a keyboard user on the slider loses nothing, and it keeps focus (taking focus away
 * after a click would lose the keyboard user's place).
 */
import { talkAction } from './talkAction.ts';
import type { KeyPress, TalkAction } from './talkAction.ts';

/** The parts of an element the decision reads (an HTMLElement, or a plain object in tests). */
export interface KeyTarget {
  tagName: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
}

export type TargetKind = 'text' | 'control' | 'slider' | 'other';

/** Input types that take typed text (every key but Esc is the field's). */
const TEXT_INPUTS = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'week',
  'time',
]);

/** Roles whose element Enter or Space activates. */
const CONTROL_ROLES = new Set([
  'button',
  'link',
  'tab',
  'checkbox',
  'radio',
  'switch',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'treeitem',
]);

export function targetKind(t: KeyTarget | null): TargetKind {
  if (!t) return 'other';
  if (t.isContentEditable) return 'text';
  const role = t.getAttribute('role');
  if (role === 'slider') return 'slider';
  switch (t.tagName) {
    case 'TEXTAREA':
    case 'SELECT':
      return 'text';
    case 'INPUT': {
      const type = (t.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'range') return 'slider';
      return TEXT_INPUTS.has(type) ? 'text' : 'control';
    }
    case 'BUTTON':
    case 'SUMMARY':
      return 'control';
    case 'A':
      return t.getAttribute('href') !== null ? 'control' : role && CONTROL_ROLES.has(role) ? 'control' : 'other';
    default:
      return role && CONTROL_ROLES.has(role) ? 'control' : 'other';
  }
}

/** The talk action for a key pressed on `target`, or null when the element keeps the key. */
export function talkActionAt(e: KeyPress, target: KeyTarget | null): TalkAction | null {
  const action = talkAction(e);
  if (action === null) return null;
  switch (targetKind(target)) {
    case 'text':
      return action === 'leave' ? action : null;
    case 'control':
      return e.key === 'Enter' || e.key === ' ' ? null : action;
    default:
      return action;
  }
}

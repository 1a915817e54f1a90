import { describe, expect, test } from 'vitest';
import { talkActionAt, targetKind } from './keyTarget.ts';
import type { KeyTarget } from './keyTarget.ts';

function el(tagName: string, attrs: Record<string, string> = {}, isContentEditable = false): KeyTarget {
  return { tagName, isContentEditable, getAttribute: (n) => attrs[n] ?? null };
}

const key = (k: string, shiftKey = false) => ({ key: k, shiftKey, altKey: false, ctrlKey: false, metaKey: false });

describe('targetKind', () => {
  test('buttons, links, summaries and control roles are controls', () => {
    expect(targetKind(el('BUTTON'))).toBe('control');
    expect(targetKind(el('A', { href: '#x' }))).toBe('control');
    expect(targetKind(el('SUMMARY'))).toBe('control');
    expect(targetKind(el('DIV', { role: 'tab' }))).toBe('control');
    expect(targetKind(el('SPAN', { role: 'checkbox' }))).toBe('control');
    expect(targetKind(el('INPUT', { type: 'checkbox' }))).toBe('control');
  });

  test('text fields, selects and editable content are text', () => {
    expect(targetKind(el('INPUT'))).toBe('text');
    expect(targetKind(el('INPUT', { type: 'number' }))).toBe('text');
    expect(targetKind(el('TEXTAREA'))).toBe('text');
    expect(targetKind(el('SELECT'))).toBe('text');
    expect(targetKind(el('DIV', {}, true))).toBe('text');
  });

  test('a range input or a slider role is a slider', () => {
    expect(targetKind(el('INPUT', { type: 'range' }))).toBe('slider');
    expect(targetKind(el('DIV', { role: 'slider' }))).toBe('slider');
  });

  test('the page itself, a region or an anchor without href is neither', () => {
    expect(targetKind(null)).toBe('other');
    expect(targetKind(el('BODY'))).toBe('other');
    expect(targetKind(el('SECTION', { role: 'region', tabindex: '0' }))).toBe('other');
    expect(targetKind(el('A'))).toBe('other');
  });
});

describe('talkActionAt', () => {
  test('Enter and Space on a focused button are the button’s; clicker keys still step', () => {
    const button = el('BUTTON');
    expect(talkActionAt(key('Enter'), button)).toBeNull();
    expect(talkActionAt(key(' '), button)).toBeNull();
    expect(talkActionAt(key(' ', true), button)).toBeNull();
    expect(talkActionAt(key('PageDown'), button)).toBe('next');
    expect(talkActionAt(key('PageUp'), button)).toBe('back');
    expect(talkActionAt(key('b'), button)).toBe('blank');
  });

  test('Enter and Space step when no control has focus', () => {
    expect(talkActionAt(key('Enter'), el('BODY'))).toBe('next');
    expect(talkActionAt(key(' '), null)).toBe('next');
    expect(talkActionAt(key(' ', true), el('DIV'))).toBe('back');
  });

  test('a text field keeps every key but Esc', () => {
    const input = el('INPUT', { type: 'number' });
    expect(talkActionAt(key('PageDown'), input)).toBeNull();
    expect(talkActionAt(key('b'), input)).toBeNull();
    expect(talkActionAt(key('Escape'), input)).toBe('leave');
  });

  test('on a slider every talk key keeps its talk meaning', () => {
    const slider = el('INPUT', { type: 'range' });
    expect(talkActionAt(key('PageDown'), slider)).toBe('next');
    expect(talkActionAt(key('PageUp'), slider)).toBe('back');
    expect(talkActionAt(key('b'), slider)).toBe('blank');
    expect(talkActionAt(key('.'), slider)).toBe('blank');
    expect(talkActionAt(key(' '), slider)).toBe('next');
    expect(talkActionAt(key('Escape'), slider)).toBe('leave');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShare, parseScenario, TEXT_LIMITS } from '../engine/index.ts';
import type { Scenario } from '../engine/index.ts';
import { encodeLinkHead } from './link.ts';
import { notesEdited, noteParts, noteText, scenarioUnder } from './notesPolicy.ts';

const rfc = parseScenario(
  JSON.parse(readFileSync(new URL('../../public/scenarios/rfc-problem.json', import.meta.url), 'utf8'))
);

describe('notes written for another policy', () => {
  it('a link made under another policy says, in its notes, which policy they were written for', () => {
    const head = encodeLinkHead(rfc, 'per-device-cap');
    if (head instanceof Error) throw head;
    const opened = decodeShare(head).scenario;
    expect(opened.policy).toBe('per-device-cap');
    // Step 4 under per-device-cap succeeds; its note explains mainline's ENOSPC.
    expect(opened.steps[3]?.note).toBe(`Written for the global policy: ${rfc.steps[3]?.note ?? ''}`);
    expect(opened.steps.every((s, i) => (s.note === undefined) === (rfc.steps[i]?.note === undefined))).toBe(true);
    expect(opened.title).toBe(rfc.title);
  });

  it('a link under the notes’ own policy leaves them as written', () => {
    const head = encodeLinkHead(rfc, 'global');
    if (head instanceof Error) throw head;
    expect(decodeShare(head).scenario.steps.map((s) => s.note)).toStrictEqual(rfc.steps.map((s) => s.note));
  });

  it('marks a note once: a marked link switched to a third policy keeps the first mark', () => {
    const once = scenarioUnder(rfc, 'per-device-cap');
    const twice = scenarioUnder(once, 'arch-gated');
    expect(twice.policy).toBe('arch-gated');
    expect(twice.steps[3]?.note).toBe(once.steps[3]?.note);
    // Shown under yet another policy, the note still names the one it was written for.
    expect(noteParts(twice.steps[3]?.note ?? '', 'arch-gated')).toStrictEqual({
      mark: 'global',
      edited: false,
      text: rfc.steps[3]?.note,
    });
  });

  it('splits a note for display: its own mark first, else the running mismatch, else none', () => {
    expect(noteParts('P1 gets 1.', null)).toStrictEqual({ mark: null, edited: false, text: 'P1 gets 1.' });
    expect(noteParts('P1 gets 1.', 'global')).toStrictEqual({ mark: 'global', edited: false, text: 'P1 gets 1.' });
    expect(noteText('Written for the driver-managed policy: P1 gets 1.', 'global')).toBe(
      'Written for the driver-managed policy: P1 gets 1.'
    );
  });

  it('shortens a note the mark would push past the validator’s limit, so the link still opens', () => {
    const long = 'x'.repeat(TEXT_LIMITS.note);
    const s: Scenario = { ...rfc, steps: [{ ...rfc.steps[0]!, note: long }] };
    const head = encodeLinkHead(s, 'per-device-cap');
    if (head instanceof Error) throw head;
    const note = decodeShare(head).scenario.steps[0]?.note ?? '';
    expect(note).toHaveLength(TEXT_LIMITS.note);
    expect(note.startsWith('Written for the global policy: xxx')).toBe(true);
    expect(note.endsWith('x…')).toBe(true);
  });
});

describe('notes written before a topology edit', () => {
  const fewerBits: Scenario = {
    ...rfc,
    devices: rfc.devices.map((d) => (d.id === 'accel0' ? { ...d, pasidBits: 3 } : d)),
  };
  const edited = notesEdited(rfc, fewerBits);

  it('marks every note once the topology changed, and keeps the edit', () => {
    expect(edited.devices).toStrictEqual(fewerBits.devices);
    expect(edited.steps[3]?.note).toBe(`Written before the topology was edited: ${rfc.steps[3]?.note ?? ''}`);
    expect(edited.steps.every((s, i) => (s.note === undefined) === (rfc.steps[i]?.note === undefined))).toBe(true);
    expect(noteParts(edited.steps[3]?.note ?? '', null)).toStrictEqual({
      mark: null,
      edited: true,
      text: rfc.steps[3]?.note,
    });
    expect(() => parseScenario(edited)).not.toThrow();
  });

  it('leaves the notes alone when a save changed nothing, and never marks a note twice', () => {
    expect(notesEdited(rfc, { ...rfc })).toStrictEqual(rfc);
    expect(notesEdited(fewerBits, { ...edited, processes: [...rfc.processes, { id: 'P6' }] }).steps).toStrictEqual(
      edited.steps
    );
  });

  it('goes after a policy mark, and a link under another policy keeps both in that order', () => {
    const underCap = scenarioUnder(rfc, 'per-device-cap');
    const both = notesEdited(underCap, { ...underCap, devices: fewerBits.devices });
    const expected = `Written for the global policy: Written before the topology was edited: ${rfc.steps[3]?.note ?? ''}`;
    expect(both.steps[3]?.note).toBe(expected);
    expect(scenarioUnder(edited, 'per-device-cap').steps[3]?.note).toBe(expected);
    expect(noteText(edited.steps[3]?.note ?? '', 'global')).toBe(expected);
  });

  it('shortens a note the mark would push past the validator’s limit', () => {
    const long: Scenario = { ...rfc, steps: [{ ...rfc.steps[0]!, note: 'x'.repeat(TEXT_LIMITS.note) }] };
    const note = notesEdited(long, { ...long, devices: fewerBits.devices }).steps[0]?.note ?? '';
    expect(note).toHaveLength(TEXT_LIMITS.note);
    expect(note.startsWith('Written before the topology was edited: xxx')).toBe(true);
  });
});

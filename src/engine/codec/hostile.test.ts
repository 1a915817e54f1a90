/**
 * Hostile links: whatever arrives in a fragment, decodeShare returns a validated link or throws
 * a one-line ScenarioError saying what failed. Never a crash, a hang or a huge allocation.
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ScenarioError, parseScenario } from '../scenario/parse.ts';
import { validScenario } from '../scenario/parse.fixture.ts';
import type { Scenario } from '../scenario/types.ts';
import { toBase64Url } from './base64url.ts';
import { ByteWriter } from './bytes.ts';
import { deflate } from './deflate.ts';
import { DICTIONARY_V1 } from './dictionary-v1.ts';
import { decodeShare, encodeShare } from './index.ts';

const fixture = (): Scenario => validScenario() as unknown as Scenario;
const VALID = encodeShare({ scenario: fixture(), cursor: 1 });

/** A v1 link whose inflated payload is exactly `bytes`. */
const linkOf = (bytes: number[] | Uint8Array): string =>
  `v1.${toBase64Url(deflate(Uint8Array.from(bytes), DICTIONARY_V1))}`;

function rejects(input: string, message: string): void {
  let error: unknown;
  try {
    decodeShare(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ScenarioError);
  expect((error as ScenarioError).message).toBe(message);
}

/** Passes if decoding returns a valid link or throws a clean one-line ScenarioError. */
function onlyCleanOutcomes(input: string): void {
  try {
    const link = decodeShare(input);
    expect(parseScenario(link.scenario)).toStrictEqual(link.scenario);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    expect(e.message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(e.message.length).toBeLessThan(300);
  }
}

describe('hostile links: framing', () => {
  it('names the version problem', () => {
    rejects(VALID.replace('v1.', 'v9.'), 'link: unknown version "v9"');
    rejects(VALID.replace('v1.', 'v01.'), 'link: unknown version "v01"');
    rejects(VALID.replace('v1.', 'x.'), 'link: unknown version "x"');
    rejects('hello', 'link: expected "v1.<payload>", got "hello"');
    rejects('', 'link: empty');
    rejects('#', 'link: empty');
    rejects('https://example.org/app', 'link: the URL has no #fragment');
  });
  it('names the parameter problem', () => {
    rejects(`${VALID}&step=2`, 'link: unknown parameter "step"');
    rejects(`${VALID}&cursor=2`, 'link: repeated parameter "cursor"');
    rejects(VALID.replace('cursor=1', 'cursor=7'), 'link.cursor: expected an integer 0-6 (the scenario has 6 steps)');
    rejects(VALID.replace('cursor=1', 'cursor=01'), 'link.cursor: expected an integer 0-6 (the scenario has 6 steps)');
    rejects(VALID.replace('cursor=1', 'cursor'), 'link.cursor: expected an integer 0-6 (the scenario has 6 steps)');
    rejects(`${VALID}&present=yes`, 'link.present: expected 1 or 0');
    rejects(`${VALID}&embed=true`, 'link.embed: expected 1 or 0');
    const policies = 'link.policyB: expected one of global, per-device-cap, arch-gated, driver-managed, or all';
    rejects(`${VALID}&policyB=mainline`, policies);
    // Only the exact word `all` means every policy: near misses and lists are as unknown as any other name.
    for (const v of ['ALL', 'all4', 'all,global', 'global,per-device-cap', '', 'all%00']) {
      rejects(`${VALID}&policyB=${v}`, policies);
    }
    rejects(`${VALID}&hash=%20`, 'link.hash: expected 1-128 characters of A-Z a-z 0-9 _ -');
    rejects(`${VALID}&view=${'x'.repeat(33)}`, 'link.view: expected 1-32 characters of A-Z a-z 0-9 _ . -');
  });
  it('rejects payloads that are not base64url', () => {
    const bad = 'link: payload is not valid base64url';
    rejects('v1.ab$c', bad);
    rejects('v1.abcde', bad); // impossible length
    rejects('v1.ab+/', bad); // classic base64, not base64url
    rejects('v1.AB', bad); // non-zero leftover bits
  });
});

describe('hostile links: payload', () => {
  it('reports data that does not inflate', () => {
    rejects('v1.AAAA', 'link: payload does not inflate (unexpected EOF)');
    rejects(
      `v1.${toBase64Url(Uint8Array.from([0xff, 0xff, 0xff, 0xff]))}`,
      'link: payload does not inflate (invalid block type)'
    );
  });
  it('stops an inflate bomb at 8 MiB without reading the rest of it', () => {
    const packed = deflateSync(new Uint8Array(16 * 1024 * 1024), { level: 6, dictionary: DICTIONARY_V1 });
    const bomb = `v1.${toBase64Url(packed)}`;
    expect(bomb.length).toBeLessThan(50_000);
    rejects(bomb, 'link: payload inflates to more than 8388608 bytes');
    // Cut off the last quarter: inflating to the end would fail on the truncation, so the size
    // error proves inflation stopped at the cap, about halfway through the input.
    const cut = `v1.${toBase64Url(packed.subarray(0, Math.floor(packed.length * 0.75)))}`;
    rejects(cut, 'link: payload inflates to more than 8388608 bytes');
    rejects(
      `v1.${toBase64Url(packed.subarray(0, Math.floor(packed.length * 0.25)))}`,
      'link: payload does not inflate (unexpected EOF)'
    );
  });
  it('reports truncated and oversized binary', () => {
    rejects(linkOf([]), 'link: payload is truncated');
    rejects(linkOf([1]), 'link: payload is truncated');
    rejects(linkOf([2, 0, 0, 0, 0, 0]), 'link: unknown scenario format 2');
    rejects(linkOf([1, 0, 0, 0, 0, 0, 7]), 'link: 1 unexpected bytes after the scenario');
    rejects(linkOf([1, 0, 0, 0, 0, 0x85, 0x20]), 'link: payload is truncated'); // 4101 steps announced, none sent
    rejects(linkOf([1, 0, 0, 0, 0, 0xff, 0xff, 0x7f]), 'link: too many steps (2097151 > 100000)');
  });
  it('reports bad varints, flags and indices', () => {
    rejects(linkOf([1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 'link: bad varint for header');
    rejects(linkOf([1, 0xff, 0x7f]), 'link: bad header 16383');
    rejects(linkOf([1, 7 << 2]), 'link: bad policy code 7');
    const w = new ByteWriter();
    [1, 0, 1].forEach((b) => w.uint(b));
    w.str('smmu0');
    [0, 1].forEach((b) => w.uint(b)); // flags; one device
    w.str('dev');
    w.uint(3); // IOMMU index 3 of 1
    rejects(linkOf(w.bytes()), 'link: IOMMU index 3 is out of range (1 defined)');
    // One IOMMU, no devices, no processes, one step with op code 31.
    rejects(linkOf([1, 0, 1, 1, 0x41, 0, 0, 0, 1, 31]), 'link: unknown op code 31');
    // bind (op 0) with the opt1 flag it does not have.
    rejects(linkOf([1, 0, 0, 0, 0, 1, 0x40]), 'link: bad flags for op "bind"');
    // bind with device index 0 when there are no devices.
    rejects(linkOf([1, 0, 0, 0, 0, 1, 0, 0, 0]), 'link: device index 0 is out of range (0 defined)');
  });
  it('reads a named domain only at the escape index, and validates the name', () => {
    // One smmuv3 IOMMU, one device, no processes, one attach_dev (op 6) step on device 0.
    const attach = (...domain: number[]): number[] => [1, 0, 1, 1, 0x73, 0, 1, 1, 0x64, 0, 0, 0, 1, 6, 0, ...domain];
    // Domains defined: "default" only, so index 1 is the escape and 2 is out of range.
    rejects(linkOf(attach(2)), 'link: domain index 2 is out of range (2 defined)');
    rejects(linkOf(attach(1, 2, 0x20, 0x78)), 'steps[0].domain: expected an id (1-32 characters of A-Z a-z 0-9 _ . -)');
    const ok = decodeShare(linkOf(attach(1, 1, 0x78)));
    expect(ok.scenario.steps).toStrictEqual([{ op: 'attach_dev', dev: 'd', domain: 'x' }]);
  });
  it('always runs the decoded scenario through parseScenario', () => {
    // Binary-valid, scenario-invalid: an IOMMU id with a space.
    const w = new ByteWriter();
    [1, 0, 1].forEach((b) => w.uint(b));
    w.str('bad id');
    [0, 0, 0, 0].forEach((b) => w.uint(b));
    rejects(linkOf(w.bytes()), 'iommus[0].id: expected an id (1-32 characters of A-Z a-z 0-9 _ . -)');
  });
});

describe('hostile links: fuzzing', () => {
  /** One edit of a link: replace, insert or delete a character, or cut the tail. */
  const arbEdit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('replace', 'insert', 'delete', 'truncate'),
    char: fc.oneof(fc.constantFrom(...'AZaz09-_.&=#%'), fc.string({ minLength: 1, maxLength: 1 })),
  });

  it('1000 random mutations of a valid link give only valid links or clean errors', () => {
    const links = [VALID, encodeShare({ scenario: fixture(), view: 'tables', present: true, hash: 'abc' })];
    fc.assert(
      fc.property(fc.nat(links.length - 1), fc.array(arbEdit, { minLength: 1, maxLength: 4 }), (which, edits) => {
        let text = links[which] ?? VALID;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          if (e.kind === 'replace') text = text.slice(0, at) + e.char + text.slice(at + 1);
          else if (e.kind === 'insert') text = text.slice(0, at) + e.char + text.slice(at);
          else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
          else text = text.slice(0, at);
        }
        onlyCleanOutcomes(text);
      }),
      { numRuns: 1000 }
    );
  }, 60_000);

  it('random strings and random binary payloads give only clean errors', () => {
    fc.assert(
      fc.property(fc.string(), (s) => onlyCleanOutcomes(s)),
      { numRuns: 300 }
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        onlyCleanOutcomes(`v1.${toBase64Url(bytes)}`);
        onlyCleanOutcomes(linkOf(Uint8Array.from([1, ...bytes])));
      }),
      { numRuns: 500 }
    );
  }, 60_000);
});

/**
 * Share links (spec §5): the whole scenario plus how to show it, in a URL fragment.
 *
 *   v1.<payload>[&cursor=N][&view=V][&present=1|0][&embed=1|0][&theme=T][&policyB=P|all][&hash=H]
 *
 * - `v1` is the codec version: it says how to read <payload>; every version ever released
 *   keeps a decoder in DECODERS, and MIGRATIONS lifts what an old decoder returns to the
 *   current shape, so a link made today opens in every later version.
 * - <payload> is base64url(deflate-raw(binary scenario)), deflated against the preset dictionary
 *   in dictionary-v1.ts; the binary layout is in layout-v1.ts. Its first byte names the scenario
 *   format (1 = "pasid-sandbox/1").
 * - The parameters stay readable outside the payload, so a presenter can type `&cursor=5` and
 *   the app can move the cursor without re-encoding the scenario. All values use URL-safe
 *   characters only (no percent-encoding ever needed). Unknown or repeated parameters are errors.
 * - `hash` is the drift token of the replay the link was made with (drift.ts): a
 *   replay that no longer matches it must say so (the app compares; the codec only carries it).
 *
 * Decoding never trusts the link: every failure is a one-line ScenarioError (`link: …`), and the
 * scenario always goes through parseScenario before it is returned. Nothing is ever evaluated.
 */
import { ScenarioError, parseScenario } from '../scenario/parse.ts';
import { quote } from '../scenario/parse-errors.ts';
import { POLICIES, type Policy, type Scenario } from '../scenario/types.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { LINK } from './bytes.ts';
import { decodeScenarioV1 } from './decode-v1.ts';
import { DICTIONARY_V1 } from './dictionary-v1.ts';
import { MAX_INFLATED_BYTES, deflate, inflateBounded } from './deflate.ts';
import { encodeScenarioV1 } from './encode-v1.ts';

/** `policyB=all`: compare the scenario under every policy at once, not with one other. */
export const ALL_POLICIES = 'all';

/** What a link compares the scenario with: one second policy (A/B), or all of them. */
export type CompareWith = Policy | typeof ALL_POLICIES;

/** A scenario plus the presentation state a link restores. */
export interface ShareLink {
  scenario: Scenario;
  /** Steps applied when the link opens (0 … steps.length). */
  cursor?: number;
  /** Which view is shown (app-defined name). */
  view?: string;
  /** Presentation (talk) mode. */
  present?: boolean;
  /** Embedded in another page (an iframe): playback, narration and the live views only. */
  embed?: boolean;
  /** Theme name, for this session only. */
  theme?: string;
  /** Second policy for an A/B comparison, or `all` for every policy side by side. */
  policyB?: CompareWith;
  /** Drift token of the replay the link was made with (drift.ts). */
  hash?: string;
}

/** Each released codec version's payload decoder (returns an unvalidated scenario). Never remove one. */
const DECODERS: ReadonlyMap<number, (payload: Uint8Array) => unknown> = new Map([
  [1, (payload: Uint8Array) => decodeScenarioV1(inflateBounded(payload, DICTIONARY_V1))],
]);
/** MIGRATIONS[k] lifts a scenario decoded by codec v(k+1) to v(k+2)'s shape. Empty while v1 is current. */
const MIGRATIONS: readonly ((raw: unknown) => unknown)[] = [];
/** The version encodeShare writes. */
export const CODEC_VERSION = 1 + MIGRATIONS.length;

/** Longest fragment decodeShare will look at (the inflate cap bounds the rest). */
export const MAX_LINK_CHARS = 16 * 1024 * 1024;

const NAME_RE = /^[A-Za-z0-9_.-]{1,32}$/;
const HASH_RE = /^[A-Za-z0-9_-]{1,128}$/;
const PARAMS = ['cursor', 'view', 'present', 'embed', 'theme', 'policyB', 'hash'] as const;
type Param = (typeof PARAMS)[number];

/**
 * Encodes a link as a URL fragment (without '#'). The scenario is validated first.
 * @throws ScenarioError for an invalid scenario or parameter.
 * @example
 * location.hash = encodeShare({ scenario, cursor: 3 });
 */
export function encodeShare(link: ShareLink): string {
  const scenario = parseScenario(link.scenario);
  const bytes = encodeScenarioV1(scenario);
  if (bytes.length > MAX_INFLATED_BYTES) {
    throw new ScenarioError(LINK, `scenario is too large for a link (${bytes.length} bytes > ${MAX_INFLATED_BYTES})`);
  }
  let out = `v${CODEC_VERSION}.${toBase64Url(deflate(bytes, DICTIONARY_V1))}`;
  const values: Record<Param, string | undefined> = {
    cursor: link.cursor === undefined ? undefined : String(link.cursor),
    view: link.view,
    present: link.present === undefined ? undefined : link.present ? '1' : '0',
    embed: link.embed === undefined ? undefined : link.embed ? '1' : '0',
    theme: link.theme,
    policyB: link.policyB,
    hash: link.hash,
  };
  const check: ShareLink = { scenario };
  for (const key of PARAMS) {
    const v = values[key];
    if (v === undefined) continue;
    applyParam(check, key, v, key);
    out += `&${key}=${v}`;
  }
  return out;
}

/**
 * Decodes a fragment, '#fragment' or full URL (the part after the first '#').
 * @throws ScenarioError naming the first problem, e.g. `link: unknown version "v9"`.
 */
export function decodeShare(fragmentOrUrl: string): ShareLink {
  let text = fragmentOrUrl.trim();
  const hashAt = text.indexOf('#');
  if (hashAt >= 0) text = text.slice(hashAt + 1);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new ScenarioError(LINK, 'the URL has no #fragment');
  if (text === '') throw new ScenarioError(LINK, 'empty');
  if (text.length > MAX_LINK_CHARS) throw new ScenarioError(LINK, `too long (${text.length} characters)`);

  const [head = '', ...params] = text.split('&');
  const dot = head.indexOf('.');
  if (dot < 0) throw new ScenarioError(LINK, `expected "v${CODEC_VERSION}.<payload>", got ${quote(head)}`);
  const tag = head.slice(0, dot);
  const version = /^v[1-9][0-9]{0,5}$/.test(tag) ? Number(tag.slice(1)) : NaN;
  const decode = DECODERS.get(version);
  if (decode === undefined) throw new ScenarioError(LINK, `unknown version ${quote(tag)}`);

  // Parameters first: they are cheap to check, the payload is not.
  const seen = new Map<Param, string>();
  for (const p of params) {
    const eq = p.indexOf('=');
    const key = eq < 0 ? p : p.slice(0, eq);
    if (!(PARAMS as readonly string[]).includes(key)) throw new ScenarioError(LINK, `unknown parameter ${quote(key)}`);
    if (seen.has(key as Param)) throw new ScenarioError(LINK, `repeated parameter ${quote(key)}`);
    seen.set(key as Param, eq < 0 ? '' : p.slice(eq + 1));
  }

  let raw = decode(fromBase64Url(head.slice(dot + 1)));
  for (let k = version - 1; k < MIGRATIONS.length; k++) raw = (MIGRATIONS[k] ?? ((x: unknown) => x))(raw);
  const link: ShareLink = { scenario: parseScenario(raw) };
  for (const key of PARAMS) {
    const v = seen.get(key);
    if (v !== undefined) applyParam(link, key, v, `${LINK}.${key}`);
  }
  return link;
}

/** Validates one parameter's text and stores its value on `link` (whose scenario is final). */
function applyParam(link: ShareLink, key: Param, v: string, path: string): void {
  switch (key) {
    case 'cursor': {
      const max = link.scenario.steps.length;
      const n = /^(0|[1-9][0-9]{0,8})$/.test(v) ? Number(v) : NaN;
      if (!(n <= max)) throw new ScenarioError(path, `expected an integer 0-${max} (the scenario has ${max} steps)`);
      link.cursor = n;
      return;
    }
    case 'present':
    case 'embed':
      if (v !== '1' && v !== '0') throw new ScenarioError(path, 'expected 1 or 0');
      link[key] = v === '1';
      return;
    case 'policyB':
      if (v !== ALL_POLICIES && !(POLICIES as readonly string[]).includes(v))
        throw new ScenarioError(path, `expected one of ${POLICIES.join(', ')}, or ${ALL_POLICIES}`);
      link.policyB = v as CompareWith;
      return;
    case 'hash':
      if (!HASH_RE.test(v)) throw new ScenarioError(path, 'expected 1-128 characters of A-Z a-z 0-9 _ -');
      link.hash = v;
      return;
    case 'view':
    case 'theme':
      if (!NAME_RE.test(v)) throw new ScenarioError(path, 'expected 1-32 characters of A-Z a-z 0-9 _ . -');
      link[key] = v;
      return;
  }
}

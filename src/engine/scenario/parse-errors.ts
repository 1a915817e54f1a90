/**
 * The one error type a scenario (or a share link) can fail with, and the small formatting
 * helpers that keep every message on one line: a hostile file must never be able to forge
 * extra lines, megabyte-long keys or terminal escapes into a diagnostic.
 */

/**
 * A scenario that breaks the format (spec §1–§2). `message` is always `${path}: ${problem}` on
 * one line, e.g. `steps[3].dev: unknown device "acel0"`.
 */
export class ScenarioError extends Error {
  /** Where the problem is: `format`, `devices[2].iommu`, `steps[3].dev`, `(json)`, `link`, … */
  readonly path: string;
  /** The problem alone, without the path. */
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'ScenarioError';
    this.path = path;
    this.problem = problem;
  }
}

const QUOTE_MAX = 48;

/**
 * A user-supplied string as a JSON string literal for a message: escaped (no line breaks or
 * control characters survive) and cut to a readable length.
 */
export function quote(s: string): string {
  const cut = s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s;
  // JSON.stringify escapes control characters but not the two Unicode line separators.
  return JSON.stringify(cut)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/** `base.key`, or `base["odd key"]` when the key is not a plain identifier; top level has no base. */
export function keyPath(base: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${base}[${quote(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Everything a terminal may take as a line break: the message's lines are joined at these. */
const BREAKS = /\s*[\n\v\f\r\u0085\u2028\u2029]+\s*/g;
/** Other C0/C1 controls, DEL and the bidirectional overrides: escapes, colours or reordered text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * An arbitrary error message (e.g. JSON.parse's, which quotes the input) as one printable line:
 * line breaks become spaces and every other control character its `\uXXXX` escape.
 */
export function oneLine(message: string): string {
  return message
    .replace(BREAKS, ' ')
    .replace(CONTROLS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\t/g, ' ')
    .trim();
}

/**
 * parseScenario: the single gate every scenario passes (files, share links, the CLI, the app)
 * before the engine sees it. It checks every rule of spec §1–§2 in one O(size) pass, throws a
 * ScenarioError naming the FIRST problem, and returns a fresh object built from known keys only
 * (same shape and key order as given, no defaults filled in), so nothing unchecked — and no
 * `__proto__` trick — ever reaches the simulator.
 *
 * Check order: root → format → unknown keys → title, notes, policy, arch, enqcmdLike →
 * iommus → devices → processes → steps; inside an object, the spec's key order.
 */
import { ScenarioError, oneLine } from './parse-errors.ts';
import { checkKeys, expectObject, optBool, optEnum, optText, own, rebuild } from './parse-checks.ts';
import { parseDevices, parseIommus, parseProcesses } from './parse-topology.ts';
import { NOTE_MAX, parseSteps } from './parse-steps.ts';
import { POLICIES, SCENARIO_FORMAT, type Scenario } from './types.ts';

export { ScenarioError } from './parse-errors.ts';

/** Length caps for free text (UTF-16 code units). */
export const TEXT_LIMITS = { title: 200, notes: 20000, note: NOTE_MAX } as const;

const TOP_KEYS: ReadonlySet<string> = new Set([
  'format',
  'title',
  'notes',
  'policy',
  'arch',
  'enqcmdLike',
  'iommus',
  'devices',
  'processes',
  'steps',
]);

/**
 * Validates an untrusted value (e.g. `JSON.parse` output) as a scenario.
 * @throws ScenarioError on the first problem, e.g. `steps[3].dev: unknown device "acel0"`.
 * @example
 * const scenario = parseScenario(JSON.parse(text));
 */
export function parseScenario(input: unknown): Scenario {
  const root = expectObject(input, '(root)');
  if (own(root, 'format') !== SCENARIO_FORMAT) throw new ScenarioError('format', `expected "${SCENARIO_FORMAT}"`);
  checkKeys(root, '', TOP_KEYS);
  optText(root, 'title', '', TEXT_LIMITS.title);
  optText(root, 'notes', '', TEXT_LIMITS.notes);
  optEnum(root, 'policy', '', POLICIES);
  optEnum(root, 'arch', '', ['x86', 'arm64'] as const);
  optBool(root, 'enqcmdLike', '');

  const iommus = parseIommus(own(root, 'iommus'));
  const devices = parseDevices(own(root, 'devices'), iommus.types);
  const processes = parseProcesses(own(root, 'processes'));
  const steps = parseSteps(own(root, 'steps'), {
    devices: devices.ids,
    iommus: new Set(iommus.types.keys()),
    threads: processes.threads,
    domains: new Set(),
  });
  return rebuild(root, {
    iommus: iommus.list,
    devices: devices.list,
    processes: processes.list,
    steps,
  }) as unknown as Scenario;
}

/**
 * Parses scenario JSON text (a leading BOM is ignored) and validates it.
 * @throws ScenarioError with path `(json)` for a syntax error, else as parseScenario.
 */
export function parseScenarioJson(text: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    throw new ScenarioError('(json)', oneLine(e instanceof Error ? e.message : String(e)));
  }
  return parseScenario(value);
}

/**
 * fast-check generator of VALID scenarios (every one passes parseScenario), for property tests
 * across the project: codec round trips here, determinism and invariants in the simulator.
 *
 * It covers every op, every optional key present and absent, null pasidBits, unicode notes
 * (lone surrogates included), fork children and domain_alloc domains referenced by later steps.
 * Steps are drawn as abstract choices (numbers) and resolved in order against what exists at
 * that point, so references always resolve — except that a quarter of the domain references
 * name a domain no earlier domain_alloc made (valid: an ENOENT at run time, spec §3); a step
 * that needs something the topology lacks (a device when there are none) is dropped.
 * Test-only: imported by *.test.ts files.
 */
import fc from 'fast-check';
import { DOMAIN_TYPES, STEP_ARGS } from '../scenario/parse-steps.ts';
import {
  POLICIES,
  STEP_OPS,
  type DeviceSpec,
  type IommuSpec,
  type ProcessSpec,
  type Scenario,
  type Step,
  type StepOp,
} from '../scenario/types.ts';

/** Size bounds for arbScenario. */
export interface ArbScenarioOptions {
  maxIommus?: number;
  /** Default 1 (0 allowed: steps that need a device are then dropped). */
  minDevices?: number;
  maxDevices?: number;
  /** Default 1 (0 allowed: steps that need a process are then dropped). */
  minProcesses?: number;
  maxProcesses?: number;
  maxSteps?: number;
  /** Ops to draw steps from (default: all). */
  ops?: readonly StepOp[];
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-'.split('');
/** Any valid id (1–32 chars of [A-Za-z0-9_.-]). */
export const arbId = (): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 32 });

/** Free text: ASCII, any code point, lone surrogates and line breaks. */
export const arbText = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.string({ maxLength: Math.min(maxLength, 40) }), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: Math.min(maxLength, 20) }), weight: 4 },
    {
      arbitrary: fc.constantFrom('', 'P1 gets PASID 1\nthen ENOSPC', 'ünïcödé ✓ 🙂 中文', '\ud83d lone', 'x\udc00y'),
      weight: 2,
    },
    // At the length limit (built by repetition: generating 20000 random characters is slow).
    {
      arbitrary: fc.constantFrom('a', 'é', '0123456789').map((u) => u.repeat(maxLength).slice(0, maxLength)),
      weight: 1,
    }
  );

const bits = fc.integer({ min: 0, max: 20 });
const bool = fc.boolean();
const rec = { noNullPrototype: true } as const;

const arbIommuShape = fc.oneof(
  fc.record(
    {
      type: fc.constant('smmuv3' as const),
      ssidBits: bits,
      cdTable: fc.constantFrom('auto' as const, 'linear' as const, '2lvl' as const),
    },
    { ...rec, requiredKeys: ['type'] }
  ),
  fc.record(
    { type: fc.constant('vtd' as const), pasidBits: bits, cachingMode: bool },
    { ...rec, requiredKeys: ['type'] }
  )
);

const arbDeviceShape = fc.record(
  {
    iommu: fc.nat(),
    bus: fc.constantFrom('pci' as const, 'platform' as const),
    pasidBits: fc.oneof(fc.constant(null), bits),
    group: fc.nat(2),
    enqcmd: bool,
    ats: bool,
    pri: bool,
    address: fc.nat(40),
    defaultDomain: fc.constantFrom('dma' as const, 'identity' as const),
  },
  { ...rec, requiredKeys: ['iommu'] }
);

const arbProcessShape = fc.record({ threads: fc.integer({ min: 1, max: 8 }), lam: bool }, { ...rec, requiredKeys: [] });

/** A step as abstract choices, resolved against the scenario built so far. */
const arbStepChoice = (ops: readonly StepOp[]) =>
  fc.record(
    {
      op: fc.constantFrom(...ops),
      a: fc.nat(),
      b: fc.nat(),
      opt1: bool,
      opt2: bool,
      pasid: fc.oneof(fc.nat(20), fc.integer({ min: 0, max: 0xffffffff })),
      addr: fc.oneof(fc.nat(0xffff), fc.maxSafeNat()),
      thread: fc.nat(7),
      id: arbId(),
      type: fc.constantFrom(...DOMAIN_TYPES),
      bool,
      owner: fc.string({ minLength: 1, maxLength: 64 }),
      note: fc.option(arbText(2000), { nil: undefined }),
    },
    rec
  );
type StepChoice = typeof arbStepChoice extends (ops: readonly StepOp[]) => fc.Arbitrary<infer T> ? T : never;

/**
 * Valid scenarios of bounded size.
 * @example
 * fc.assert(fc.property(arbScenario({ maxSteps: 50 }), (s) => { parseScenario(s); }));
 */
export function arbScenario(opts: ArbScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const header = fc.record(
    {
      title: arbText(200),
      notes: arbText(20000),
      policy: fc.constantFrom(...POLICIES),
      arch: fc.constantFrom('x86' as const, 'arm64' as const),
      enqcmdLike: bool,
    },
    { ...rec, requiredKeys: [] }
  );
  return fc
    .record(
      {
        header,
        iommuIds: fc.uniqueArray(arbId(), { minLength: 1, maxLength: opts.maxIommus ?? 3 }),
        iommus: fc.array(arbIommuShape, { minLength: opts.maxIommus ?? 3, maxLength: opts.maxIommus ?? 3 }),
        deviceIds: fc.uniqueArray(arbId(), { minLength: opts.minDevices ?? 1, maxLength: opts.maxDevices ?? 6 }),
        devices: fc.array(arbDeviceShape, { minLength: opts.maxDevices ?? 6, maxLength: opts.maxDevices ?? 6 }),
        processIds: fc.uniqueArray(arbId(), { minLength: opts.minProcesses ?? 1, maxLength: opts.maxProcesses ?? 6 }),
        processes: fc.array(arbProcessShape, { minLength: opts.maxProcesses ?? 6, maxLength: opts.maxProcesses ?? 6 }),
        steps: fc.array(arbStepChoice(opts.ops ?? STEP_OPS), { maxLength: opts.maxSteps ?? 30, size: 'max' }),
      },
      rec
    )
    .map((r) => {
      const iommus: IommuSpec[] = r.iommuIds.map((id, i) => ({ id, ...(r.iommus[i] ?? { type: 'smmuv3' }) }));
      const devices = buildDevices(r.deviceIds, r.devices, iommus);
      const processes: ProcessSpec[] = r.processIds.map((id, i) => ({ id, ...r.processes[i] }));
      const steps = buildSteps(r.steps, iommus, devices, processes);
      return { format: 'pasid-sandbox/1', ...r.header, iommus, devices, processes, steps } satisfies Scenario;
    });
}

type DeviceShape = typeof arbDeviceShape extends fc.Arbitrary<infer T> ? T : never;

/** Resolves device shapes: iommu by index, sid/bdf unique per IOMMU, consistent groups. */
function buildDevices(ids: string[], shapes: DeviceShape[], iommus: IommuSpec[]): DeviceSpec[] {
  const used = new Set<string>();
  const groupDomain = new Map<string, string | undefined>();
  return ids.map((id, i) => {
    const { iommu: iommuIndex, address, group, defaultDomain, ...rest } = shapes[i] ?? { iommu: 0 };
    const iommu = iommus[iommuIndex % iommus.length] ?? { id: '?', type: 'smmuv3' };
    const d: DeviceSpec = { id, iommu: iommu.id, ...rest };
    if (group !== undefined) d.group = `g${iommuIndex % iommus.length}.${group}`;
    if (address !== undefined && !used.has(`${iommu.id}\0${address}`)) {
      used.add(`${iommu.id}\0${address}`);
      if (iommu.type === 'smmuv3') d.sid = address === 40 ? 2 ** 32 - 1 : address;
      else {
        const hex = (n: number) => n.toString(16).padStart(2, '0');
        const bdf = `${hex((address * 7) % 256)}:${hex(address % 32)}.${address % 8}`;
        d.bdf = address % 2 === 1 ? bdf.toUpperCase() : bdf; // bdf is case-insensitive; keep both spellings
      }
    }
    if (defaultDomain !== undefined) {
      // Two devices of one group may not state different default domains.
      const stated = d.group === undefined ? undefined : groupDomain.get(d.group);
      if (stated === undefined || stated === defaultDomain) d.defaultDomain = defaultDomain;
      if (d.group !== undefined && stated === undefined) groupDomain.set(d.group, defaultDomain);
    }
    return d;
  });
}

/** Resolves abstract step choices in order; children and domains become referable as created. */
function buildSteps(
  choices: StepChoice[],
  iommus: IommuSpec[],
  devices: DeviceSpec[],
  processes: ProcessSpec[]
): Step[] {
  const procs = processes.map((p) => ({ id: p.id, threads: p.threads ?? 1 }));
  const procIds = new Set(procs.map((p) => p.id));
  const domains: string[] = ['default'];
  const steps: Step[] = [];
  for (const c of choices) {
    const specs = STEP_ARGS[c.op];
    const needs = (kind: string) => specs.some((s) => s.kind === kind);
    if ((needs('dev') && devices.length === 0) || (needs('proc') && procs.length === 0)) continue;
    const proc = procs[c.a % Math.max(procs.length, 1)];
    const step: Record<string, unknown> = { op: c.op };
    let optional = 0;
    for (const spec of specs) {
      if (spec.optional && !(optional++ === 0 ? c.opt1 : c.opt2)) continue;
      switch (spec.kind) {
        case 'dev':
          step[spec.key] = devices[c.b % devices.length]?.id;
          break;
        case 'proc':
          step[spec.key] = proc?.id;
          break;
        case 'iommu':
          step[spec.key] = iommus[c.b % iommus.length]?.id;
          break;
        case 'domain':
          // Ops with a domain have no optional args, so opt1/opt2 are free to pick the unknown name.
          step[spec.key] = c.opt1 && c.opt2 ? c.id : domains[c.a % domains.length];
          break;
        case 'pasid':
          step[spec.key] = c.pasid;
          break;
        case 'addr':
          step[spec.key] = c.addr;
          break;
        case 'thread':
          step[spec.key] = c.thread % (proc?.threads ?? 1);
          break;
        case 'domainType':
          step[spec.key] = c.type;
          break;
        case 'bool':
          step[spec.key] = c.bool;
          break;
        case 'owner':
          step[spec.key] = c.owner;
          break;
        case 'newDomain':
          step[spec.key] = fresh(c.id, (x) => x !== 'default' && !domains.includes(x));
          domains.push(step[spec.key] as string);
          break;
        case 'child': {
          const id = fresh(c.id, (x) => !procIds.has(x));
          procIds.add(id);
          procs.push({ id, threads: 1 });
          step[spec.key] = id;
          break;
        }
      }
    }
    if (c.note !== undefined) step.note = c.note;
    steps.push(step as unknown as Step);
  }
  return steps;
}

/** `want`, or `want` with a numeric suffix, whichever is free first. */
function fresh(want: string, free: (id: string) => boolean): string {
  if (free(want)) return want;
  for (let n = 1; ; n++) {
    const id = `${want.slice(0, 24)}.${n}`;
    if (free(id)) return id;
  }
}

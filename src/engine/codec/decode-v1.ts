/**
 * codec v1 bytes (after inflate) → a raw scenario object in canonical key order. Hostile-input
 * safe: every count, index, enum value and flag bit is range-checked as it is read. The result
 * is NOT trusted yet — the caller runs it through parseScenario, which enforces the rest
 * (ids, uniqueness, limits that span sections, threads, …).
 */
import { ScenarioError, TEXT_LIMITS } from '../scenario/parse.ts';
import { DEFAULT_DOMAIN, DOMAIN_TYPES, NOTE_MAX, OWNER_MAX, STEP_ARGS, type ArgSpec } from '../scenario/parse-steps.ts';
import { LIMITS, POLICIES, STEP_OPS } from '../scenario/types.ts';
import { ByteReader, LINK } from './bytes.ts';
import { ARCHES, BOOLS, BUSES, CD_TABLES, D, DEFAULT_DOMAINS, FORMAT_V1, H, I, P, S } from './layout-v1.ts';

type Raw = Record<string, unknown>;

/** Longest id the format allows; longer strings cannot be valid, so stop reading early. */
const ID_MAX = 32;

/** Decodes v1 payload bytes into an unvalidated scenario object. */
export function decodeScenarioV1(bytes: Uint8Array): Raw {
  const r = new ByteReader(bytes);
  const format = r.byte();
  if (format !== FORMAT_V1) throw new ScenarioError(LINK, `unknown scenario format ${format}`);
  const out: Raw = { format: 'pasid-sandbox/1' };
  const head = flags(r, 'header', H.all);
  if (head & H.title) out.title = r.str('title', TEXT_LIMITS.title);
  if (head & H.notes) out.notes = r.str('notes', TEXT_LIMITS.notes);
  put(out, 'policy', pick(POLICIES, (head >> H.policyShift) & 7, 'policy'));
  put(out, 'arch', pick(ARCHES, (head >> H.archShift) & 3, 'arch'));
  put(out, 'enqcmdLike', pick(BOOLS, (head >> H.enqcmdLikeShift) & 3, 'enqcmdLike'));

  const iommus: Raw[] = [];
  for (let n = r.count('IOMMUs', LIMITS.iommus); n > 0; n--) {
    const m: Raw = { id: r.str('IOMMU id', ID_MAX) };
    const f = flags(r, 'IOMMU flags', I.all);
    const vtd = (f & I.vtd) !== 0;
    m.type = vtd ? 'vtd' : 'smmuv3';
    if (f & I.bits) m[vtd ? 'pasidBits' : 'ssidBits'] = r.uint('IOMMU bits', 20);
    const extra = (f >> I.extraShift) & 3;
    if (vtd) put(m, 'cachingMode', pick(BOOLS, extra, 'cachingMode'));
    else put(m, 'cdTable', pick(CD_TABLES, extra, 'cdTable'));
    iommus.push(m);
  }

  const devices: Raw[] = [];
  const groups: string[] = [];
  for (let n = r.count('devices', LIMITS.devices); n > 0; n--) {
    const d: Raw = { id: r.str('device id', ID_MAX) };
    const iommu = iommus[r.index('IOMMU index', iommus.length)];
    d.iommu = iommu?.id;
    const f = flags(r, 'device flags', D.all);
    put(d, 'bus', pick(BUSES, (f >> D.busShift) & 3, 'bus'));
    const pasidBits = (f >> D.pasidBitsShift) & 3;
    if (pasidBits === 3) throw new ScenarioError(LINK, 'bad pasidBits flag');
    if (pasidBits === 1) d.pasidBits = null;
    if (pasidBits === 2) d.pasidBits = r.uint('pasidBits', 20);
    if (f & D.group) {
      const g = r.index('group index', groups.length + 1);
      if (g === groups.length) groups.push(r.str('group id', ID_MAX));
      d.group = groups[g];
    }
    put(d, 'enqcmd', pick(BOOLS, (f >> D.enqcmdShift) & 3, 'enqcmd'));
    put(d, 'ats', pick(BOOLS, (f >> D.atsShift) & 3, 'ats'));
    put(d, 'pri', pick(BOOLS, (f >> D.priShift) & 3, 'pri'));
    if (f & D.address) {
      if (iommu?.type === 'vtd') d.bdf = r.str('bdf', ID_MAX);
      else d.sid = r.uint('sid', 2 ** 32 - 1);
    }
    put(d, 'defaultDomain', pick(DEFAULT_DOMAINS, (f >> D.defaultDomainShift) & 3, 'defaultDomain'));
    devices.push(d);
  }

  const procIds: string[] = [];
  const processes: Raw[] = [];
  for (let n = r.count('processes', LIMITS.processes); n > 0; n--) {
    const p: Raw = { id: r.str('process id', ID_MAX) };
    procIds.push(p.id as string);
    const f = flags(r, 'process flags', P.all);
    if (f & P.threads) p.threads = r.uint('threads', LIMITS.threads);
    put(p, 'lam', pick(BOOLS, (f >> P.lamShift) & 3, 'lam'));
    processes.push(p);
  }

  const names = {
    devices: devices.map((d) => d.id as string),
    iommus: iommus.map((m) => m.id as string),
    procs: procIds,
  };
  const domains = [DEFAULT_DOMAIN];
  const steps: Raw[] = [];
  for (let n = r.count('steps', LIMITS.steps); n > 0; n--) steps.push(readStep(r, names, domains));
  if (r.left !== 0) throw new ScenarioError(LINK, `${r.left} unexpected bytes after the scenario`);
  Object.assign(out, { iommus, devices, processes, steps });
  return out;
}

interface Names {
  devices: string[];
  iommus: string[];
  procs: string[];
}

/** Head bits each op may set: one per optional arg (domain_alloc's boolean uses both). */
const OPT_BITS: ReadonlyMap<string, number> = new Map(
  STEP_OPS.map((op) => {
    const optional = STEP_ARGS[op].filter((a) => a.optional);
    const bits =
      optional.some((a) => a.kind === 'bool') || optional.length >= 2
        ? S.opt1 | S.opt2
        : optional.length === 1
          ? S.opt1
          : 0;
    return [op, bits];
  })
);

function readStep(r: ByteReader, names: Names, domains: string[]): Raw {
  const head = r.byte();
  const op = STEP_OPS[head & S.opMask];
  if (op === undefined) throw new ScenarioError(LINK, `unknown op code ${head & S.opMask}`);
  if (head & (S.opt1 | S.opt2) & ~(OPT_BITS.get(op) ?? 0)) throw new ScenarioError(LINK, `bad flags for op "${op}"`);
  const step: Raw = { op };
  let optBit: number = S.opt1;
  for (const spec of STEP_ARGS[op]) {
    if (spec.kind === 'bool') {
      // domain_alloc.pasid: opt1 = present, opt2 = its value (opt2 alone is malformed).
      if (head & S.opt1) step[spec.key] = (head & S.opt2) !== 0;
      else if (head & S.opt2) throw new ScenarioError(LINK, `bad flags for op "${op}"`);
      continue;
    }
    if (spec.optional) {
      const present = (head & optBit) !== 0;
      optBit = S.opt2;
      if (!present) continue;
    }
    step[spec.key] = readArg(r, spec, names, domains);
  }
  if (head & S.note) step.note = r.str('note', NOTE_MAX);
  return step;
}

function readArg(r: ByteReader, spec: ArgSpec, names: Names, domains: string[]): unknown {
  switch (spec.kind) {
    case 'dev':
      return names.devices[r.index('device index', names.devices.length)];
    case 'proc':
      return names.procs[r.index('process index', names.procs.length)];
    case 'iommu':
      return names.iommus[r.index('IOMMU index', names.iommus.length)];
    case 'domain': {
      // domains.length itself is the escape: a domain no earlier domain_alloc made, by name.
      const k = r.index('domain index', domains.length + 1);
      return k < domains.length ? domains[k] : r.str('domain id', ID_MAX);
    }
    case 'pasid':
      return r.uint('pasid', 0xffffffff);
    case 'thread':
      return r.uint('thread', LIMITS.threads - 1);
    case 'addr':
      return r.uint('addr');
    case 'domainType':
      return DOMAIN_TYPES[r.index('domain type', DOMAIN_TYPES.length)];
    case 'owner':
      return r.str('owner', OWNER_MAX);
    case 'newDomain': {
      const id = r.str('domain id', ID_MAX);
      domains.push(id);
      return id;
    }
    case 'child': {
      const id = r.str('process id', ID_MAX);
      if (names.procs.length >= LIMITS.processes) throw new ScenarioError(LINK, 'too many processes');
      names.procs.push(id);
      return id;
    }
    case 'bool':
      return undefined; // handled from the head byte
  }
}

/** A flags varint with no bits outside `all` (bits a later layout might define are errors here). */
function flags(r: ByteReader, what: string, all: number): number {
  const f = r.uint(what);
  if (f > all || (f & all) !== f) throw new ScenarioError(LINK, `bad ${what} ${f}`);
  return f;
}

/** Value for a three-state field (0 = absent). */
function pick<T>(values: readonly T[], code: number, what: string): T | undefined {
  if (code === 0) return undefined;
  const v = values[code - 1];
  if (v === undefined) throw new ScenarioError(LINK, `bad ${what} code ${code}`);
  return v;
}

function put(o: Raw, key: string, v: unknown): void {
  if (v !== undefined) o[key] = v;
}

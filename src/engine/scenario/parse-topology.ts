/**
 * Validation of the topology half of a scenario (spec §1.3–§1.5): IOMMUs, devices, processes.
 * Every check is a Map/Set lookup, so the whole topology validates in O(size).
 */
import { ScenarioError, quote } from './parse-errors.ts';
import {
  type Obj,
  checkKeys,
  expectArray,
  expectObject,
  optBool,
  optEnum,
  optId,
  optInt,
  own,
  rebuild,
  reqEnum,
  reqId,
  reqRef,
  rejectKey,
  unknownRef,
} from './parse-checks.ts';
import { LIMITS, type DeviceSpec, type IommuSpec, type IommuType, type ProcessSpec } from './types.ts';

const IOMMU_KEYS: ReadonlySet<string> = new Set(['id', 'type', 'ssidBits', 'pasidBits', 'cdTable', 'cachingMode']);
const DEVICE_KEYS: ReadonlySet<string> = new Set([
  'id',
  'iommu',
  'bus',
  'pasidBits',
  'group',
  'enqcmd',
  'ats',
  'pri',
  'sid',
  'bdf',
  'defaultDomain',
]);
const PROCESS_KEYS: ReadonlySet<string> = new Set(['id', 'threads', 'lam']);

/** PCI "bb:dd.f": device ≤ 0x1f and function ≤ 7 are encoded in the pattern itself. */
const BDF_RE = /^[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]$/i;
/** Largest PASID/SSID width the hardware describes (20 bits, R1). */
const MAX_BITS = 20;
const SID_MAX = 2 ** 32 - 1;

/** IOMMUs by id (their type decides which device keys are legal). */
export function parseIommus(v: unknown): { list: IommuSpec[]; types: Map<string, IommuType> } {
  const arr = expectArray(v, 'iommus', LIMITS.iommus, 'IOMMUs');
  const types = new Map<string, IommuType>();
  const list = arr.map((item, i): IommuSpec => {
    const path = `iommus[${i}]`;
    const o = expectObject(item, path);
    checkKeys(o, path, IOMMU_KEYS);
    const id = reqId(o, 'id', path);
    if (types.has(id)) throw new ScenarioError(`${path}.id`, `duplicate IOMMU id ${quote(id)}`);
    const type = reqEnum(o, 'type', path, ['smmuv3', 'vtd'] as const);
    types.set(id, type);
    if (type === 'smmuv3') {
      rejectKey(o, 'pasidBits', path, 'only for vtd IOMMUs (this one is smmuv3; use ssidBits)');
      rejectKey(o, 'cachingMode', path, 'only for vtd IOMMUs (this one is smmuv3)');
      optInt(o, 'ssidBits', path, 0, MAX_BITS);
      optEnum(o, 'cdTable', path, ['auto', 'linear', '2lvl'] as const);
    } else {
      rejectKey(o, 'ssidBits', path, 'only for smmuv3 IOMMUs (this one is vtd; use pasidBits)');
      rejectKey(o, 'cdTable', path, 'only for smmuv3 IOMMUs (this one is vtd)');
      optInt(o, 'pasidBits', path, 0, MAX_BITS);
      optBool(o, 'cachingMode', path);
    }
    return rebuild(o) as unknown as IommuSpec;
  });
  return { list, types };
}

/** Tracks which IOMMU (and which stated default domain) each group belongs to. */
interface GroupInfo {
  iommu: string;
  defaultDomain: string | undefined;
}

/** Devices; checks references to IOMMUs, sid/bdf uniqueness per IOMMU, group consistency. */
export function parseDevices(
  v: unknown,
  iommuTypes: ReadonlyMap<string, IommuType>
): { list: DeviceSpec[]; ids: Set<string> } {
  const arr = expectArray(v, 'devices', LIMITS.devices, 'devices');
  const ids = new Set<string>();
  // "iommu\0sid" / "iommu\0bdf": one Set instead of a Set per IOMMU.
  const addresses = new Set<string>();
  const groups = new Map<string, GroupInfo>();
  const list = arr.map((item, i): DeviceSpec => {
    const path = `devices[${i}]`;
    const o = expectObject(item, path);
    checkKeys(o, path, DEVICE_KEYS);
    const id = reqId(o, 'id', path);
    if (ids.has(id)) throw new ScenarioError(`${path}.id`, `duplicate device id ${quote(id)}`);
    ids.add(id);
    const iommu = reqRef(o, 'iommu', path);
    const type = iommuTypes.get(iommu);
    if (type === undefined) throw unknownRef(`${path}.iommu`, 'IOMMU', iommu);
    optEnum(o, 'bus', path, ['pci', 'platform'] as const);
    if (own(o, 'pasidBits') !== null) optInt(o, 'pasidBits', path, 0, MAX_BITS, `0-${MAX_BITS} or null`);
    const group = optId(o, 'group', path);
    optBool(o, 'enqcmd', path);
    optBool(o, 'ats', path);
    optBool(o, 'pri', path);
    checkAddress(o, path, iommu, type, addresses);
    const defaultDomain = optEnum(o, 'defaultDomain', path, ['dma', 'identity'] as const);
    if (group !== undefined) checkGroup(groups, group, { iommu, defaultDomain }, path);
    return rebuild(o) as unknown as DeviceSpec;
  });
  return { list, ids };
}

/** `sid` only behind SMMUv3, `bdf` only behind VT-d, each unique per IOMMU. */
function checkAddress(o: Obj, path: string, iommu: string, type: IommuType, seen: Set<string>): void {
  if (type === 'smmuv3') {
    rejectKey(o, 'bdf', path, `only for devices behind a vtd IOMMU (${quote(iommu)} is smmuv3; use sid)`);
    const sid = optInt(o, 'sid', path, 0, SID_MAX, '0-4294967295');
    if (sid === undefined) return;
    const key = `${iommu}\0${sid}`;
    if (seen.has(key)) throw new ScenarioError(`${path}.sid`, `stream ID ${sid} already used on IOMMU ${quote(iommu)}`);
    seen.add(key);
  } else {
    rejectKey(o, 'sid', path, `only for devices behind an smmuv3 IOMMU (${quote(iommu)} is vtd; use bdf)`);
    const bdf = own(o, 'bdf');
    if (bdf === undefined) return;
    if (typeof bdf !== 'string' || !BDF_RE.test(bdf)) {
      throw new ScenarioError(`${path}.bdf`, 'expected "bb:dd.f" (hex bus, device 00-1f, function 0-7)');
    }
    // 0A:1f.0 and 0a:1F.0 are the same function.
    const key = `${iommu}\0${bdf.toLowerCase()}`;
    if (seen.has(key)) throw new ScenarioError(`${path}.bdf`, `${quote(bdf)} already used on IOMMU ${quote(iommu)}`);
    seen.add(key);
  }
}

/**
 * A group is one iommu_group: its devices sit behind one IOMMU, and it has one default domain,
 * so two devices may not state different ones (stating it on one device only is fine).
 */
function checkGroup(groups: Map<string, GroupInfo>, group: string, dev: GroupInfo, path: string): void {
  const seen = groups.get(group);
  if (seen === undefined) {
    groups.set(group, { ...dev });
    return;
  }
  if (seen.iommu !== dev.iommu) {
    throw new ScenarioError(
      `${path}.group`,
      `group ${quote(group)} already has devices behind IOMMU ${quote(seen.iommu)}`
    );
  }
  if (dev.defaultDomain === undefined) return;
  if (seen.defaultDomain === undefined) seen.defaultDomain = dev.defaultDomain;
  else if (seen.defaultDomain !== dev.defaultDomain) {
    throw new ScenarioError(
      `${path}.defaultDomain`,
      `group ${quote(group)} already has defaultDomain "${seen.defaultDomain}"`
    );
  }
}

/** Processes; returns each one's thread count (default 1) for the steps' `thread` checks. */
export function parseProcesses(v: unknown): { list: ProcessSpec[]; threads: Map<string, number> } {
  const arr = expectArray(v, 'processes', LIMITS.processes, 'processes');
  const threads = new Map<string, number>();
  const list = arr.map((item, i): ProcessSpec => {
    const path = `processes[${i}]`;
    const o = expectObject(item, path);
    checkKeys(o, path, PROCESS_KEYS);
    const id = reqId(o, 'id', path);
    if (threads.has(id)) throw new ScenarioError(`${path}.id`, `duplicate process id ${quote(id)}`);
    const n = optInt(o, 'threads', path, 1, LIMITS.threads);
    optBool(o, 'lam', path);
    threads.set(id, n ?? 1);
    return rebuild(o) as unknown as ProcessSpec;
  });
  return { list, threads };
}

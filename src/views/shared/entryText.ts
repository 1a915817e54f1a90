/**
 * Words for hardware fields and pointers, and the table row a step effect touched. Pure, shared
 * by the SMMUv3 / VT-d diagrams, their tables and the queues view.
 */
import type { Effect } from '../../engine/index.ts';

export const STE_CONFIG: Record<number, string> = {
  0: 'abort',
  4: 'bypass',
  5: 'S1 translate',
  6: 'S2 translate',
  7: 'nested',
};
export const STE_S1DSS: Record<number, string> = { 0: 'terminate', 1: 'bypass', 2: 'SSID0', 3: 'terminate' };
export const STE_S1FMT: Record<number, string> = { 0: 'linear', 1: '2-level 4K', 2: '2-level 64K' };
export const PGTT: Record<number, string> = {
  0: '—',
  1: 'first-stage',
  2: 'second-stage',
  3: 'nested',
  4: 'pass-through',
};

/** "mm:P1" → "P1's mm", "dom:d1" → "domain d1", null → "—". */
export function ptrText(ptr: string | null): string {
  if (ptr === null || ptr === '') return '—';
  if (ptr.startsWith('mm:')) return `${ptr.slice(3)}'s mm`;
  if (ptr.startsWith('dom:default:')) return 'default DMA domain';
  if (ptr.startsWith('dom:')) return `domain ${ptr.slice(4)}`;
  return ptr;
}

/** The process whose mm a pointer names, or null. */
export function ptrProc(ptr: string | null): string | null {
  return ptr !== null && ptr.startsWith('mm:') ? ptr.slice(3) : null;
}

/** A numeric field with its meaning, e.g. Config 5 → "5 · S1 translate". */
export function fieldText(name: string, value: number): string {
  const named = (table: Record<number, string>): string => `${value} · ${table[value] ?? 'reserved'}`;
  switch (name) {
    case 'Config':
      return named(STE_CONFIG);
    case 'S1DSS':
      return named(STE_S1DSS);
    case 'S1Fmt':
      return named(STE_S1FMT);
    case 'S1CDMax':
      return value === 0 ? '0 · no SSIDs' : `${value} · ${2 ** value} CDs`;
    case 'PDTS':
      return `${value} · ${2 ** (value + 7)} dir entries`;
    case 'PGTT':
      return named(PGTT);
    case 'EATS':
      return value === 1 ? '1 · ATS' : `${value}`;
    default:
      return String(value);
  }
}

/**
 * VT-d fault reasons raised at the PASID-table entry or below it (B6: 0x58–0x5D the entry itself,
 * 0x70–0x7C its first/second-stage walk), as opposed to the root, context and directory entries.
 */
function isPasidWalkFault(name: string): boolean {
  const code = /^VTD_0x([0-9A-Fa-f]{2})$/.exec(name);
  if (!code) return false;
  const n = parseInt(code[1]!, 16);
  return (n >= 0x58 && n <= 0x5d) || (n >= 0x70 && n <= 0x7c);
}

/** Row key of the table entry an effect wrote or names, when it names exactly one. */
export function effectTarget(e: Effect): string | null {
  const a = 'args' in e ? e.args : {};
  const num = (k: string): number | null => {
    const v = a[k];
    return typeof v === 'number' ? v : null;
  };
  const str = (k: string): string | null => {
    const v = a[k];
    return typeof v === 'string' ? v : null;
  };
  switch (e.kind) {
    case 'write':
      return `${e.iommu}:${e.entry}`;
    case 'msr':
      return null;
    case 'cmd':
    case 'event': {
      const sid = num('sid');
      if (sid === null) return null;
      const ssid = num('ssid');
      if (e.name === 'CFGI_STE' || e.name === 'PREFETCH_CFG') return `${e.iommu}:STE[${sid}]`;
      // Decided at the STE (S1CDMax, S1DSS) or at a level-1 descriptor: no CD was read.
      if (e.name === 'F_STREAM_DISABLED' || e.name === 'C_BAD_SUBSTREAMID') return `${e.iommu}:STE[${sid}]`;
      // leaf=false follows a level-1 descriptor store (arm_smmu_write_cd_l1_desc), 1024 CDs per leaf.
      if (e.name === 'CFGI_CD' && a.leaf === false && ssid !== null) return `${e.iommu}:L1CD[${sid}][${ssid >>> 10}]`;
      if (ssid !== null && (e.name !== 'ATC_INV' || a.ssv === true)) return `${e.iommu}:CD[${sid}][${ssid}]`;
      return `${e.iommu}:STE[${sid}]`;
    }
    case 'desc':
    case 'fault': {
      const bdf = str('sid');
      const pasid = num('pasid');
      if (bdf === null) return null;
      if (pasid !== null) return `${e.iommu}:PASIDTE[${bdf}][${pasid}]`;
      // A request without PASID walks the RID_PASID entry (PASID 0): faults found there name it.
      if (e.kind === 'fault' && isPasidWalkFault(e.name)) return `${e.iommu}:PASIDTE[${bdf}][0]`;
      return `${e.iommu}:CTX[${bdf}]`;
    }
  }
}

/** Field names each row had written by a list of effects, by row key. */
export function writtenFields(effects: readonly Effect[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of effects) {
    if (e.kind !== 'write') continue;
    const key = `${e.iommu}:${e.entry}`;
    const set = out.get(key) ?? new Set<string>();
    for (const f of Object.keys(e.fields)) set.add(f);
    out.set(key, set);
  }
  return out;
}

/**
 * Row keys of the entries a breaking update rewrote (SMMUv3 STE/CD through V=0, the write effect's
 * `update`), once each, in program order.
 */
export function breakingUpdates(effects: readonly Effect[]): string[] {
  const out: string[] = [];
  for (const e of effects) {
    if (e.kind !== 'write' || e.update !== 'breaking') continue;
    const key = `${e.iommu}:${e.entry}`;
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** Effect arguments as "sid=0 ssid=1 leaf". */
export function argsText(args: Record<string, unknown>): string {
  return Object.entries(args)
    .map(([k, v]) => (v === true ? k : v === false ? `!${k}` : `${k}=${String(v)}`))
    .join(' ');
}

/**
 * Unit capabilities from the scenario's IommuSpec, and a fresh (empty) unit.
 */
import type { IommuSpec } from '../../scenario/types.ts';
import { VTD_NDOMS, VTD_NFR } from './types.ts';
import type { VtdHw } from './types.ts';

/** PASID width of a VT-d unit: spec `pasidBits` 0–20, default 20. */
export function vtdPasidBits(spec: IommuSpec): number {
  const bits = spec.pasidBits ?? 20;
  return Math.max(0, Math.min(20, Math.trunc(bits)));
}

/**
 * iommu_device.max_pasids (R3). Linux (intel/iommu.c, init_dmars / intel_iommu_init) sets
 * `2 << ecap_pss` only when pasid_supported(iommu); PASID bits = PSS + 1, so it is 1 << bits.
 * pasidBits 0 models ECAP.PASID = 0: no PASID support, max_pasids stays 0.
 */
export function vtdMaxPasids(spec: IommuSpec): number {
  const bits = vtdPasidBits(spec);
  return bits === 0 ? 0 : 2 ** bits;
}

/** A unit after Linux's init_dmars: root table allocated (all buses not present), queues empty. */
export function createVtdHw(spec: IommuSpec): VtdHw {
  const bits = vtdPasidBits(spec);
  return {
    kind: 'vtd',
    caps: {
      ndoms: VTD_NDOMS,
      cm: spec.cachingMode ?? false,
      pasidBits: bits,
      pss: bits > 0 ? bits - 1 : 0,
      nfr: VTD_NFR,
    },
    regs: {
      ppf: false,
      pfo: false,
      fri: 0,
      frcd: new Array<null>(VTD_NFR).fill(null),
      faultsRecorded: 0,
      faultsSuppressed: 0,
      iqt: 0,
      iqSubmitted: 0,
    },
    root: new Map(),
    ctx: new Map(),
    pasidTables: new Map(),
    contextCache: new Map(),
    pasidCache: new Map(),
    pasidCacheTags: new Map(),
    iotlb: new Map(),
    didBitmap: new Uint32Array(VTD_NDOMS >>> 5),
    didHint: 0,
    dids: new Map(),
    devs: new Map(),
    svaDevPasids: new Map(),
  };
}

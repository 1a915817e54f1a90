import { describe, expect, it } from 'vitest';
import type { Domain } from '../../kernel/state.ts';
import { deviceSid, formatBdf, parseBdf } from './bdf.ts';
import { createVtdHw } from './caps.ts';
import { didAlloc, didFree, didInUse, domainAttachIommu, domainDetachIommu, domainDid } from './did.ts';
import { pasidTableSize } from './driver.ts';
import { faultName } from './faults.ts';

const paging = (id: string): Domain => ({
  id,
  type: 'paging',
  driver: 'vtd',
  iommu: 'dmar0',
  pasidCompat: true,
  mm: null,
  users: 0,
  defaultOf: null,
  live: true,
});

describe('bdf', () => {
  it('parses "bb:dd.f" into bus << 8 | dev << 3 | fn and formats it back', () => {
    expect(parseBdf('00:02.0')).toBe(0x10);
    expect(parseBdf('3a:1f.7')).toBe(0x3aff);
    expect(parseBdf('00:20.0')).toBeNull();
    expect(parseBdf('junk')).toBeNull();
    expect(formatBdf(0x3aff)).toBe('3a:1f.7');
    expect(deviceSid('zz', 0x110)).toEqual({ sid: 0x110, bdf: '01:02.0' });
  });
});

describe('DIDs (B3)', () => {
  it('allocates the lowest free DID from 2, refcounts per domain, frees on the last detach', () => {
    const hw = createVtdHw({ id: 'u', type: 'vtd' });
    expect(domainAttachIommu(hw, paging('a'))).toBeNull();
    expect(domainAttachIommu(hw, paging('b'))).toBeNull();
    expect(domainAttachIommu(hw, paging('a'))).toBeNull();
    expect(domainDid(hw, paging('a'))).toBe(2);
    expect(domainDid(hw, paging('b'))).toBe(3);
    expect(domainDid(hw, { ...paging('s'), type: 'sva' })).toBe(1);
    expect(domainDid(hw, { ...paging('i'), type: 'identity' })).toBe(1);
    domainDetachIommu(hw, 'a');
    expect(didInUse(hw, 2)).toBe(true);
    domainDetachIommu(hw, 'a');
    expect(didInUse(hw, 2)).toBe(false);
    expect(domainAttachIommu(hw, paging('c'))).toBeNull();
    expect(domainDid(hw, paging('c'))).toBe(2);
  });

  it('SVA and identity domains take no DID; exhaustion is ENOSPC', () => {
    const hw = createVtdHw({ id: 'u', type: 'vtd' });
    expect(domainAttachIommu(hw, { ...paging('s'), type: 'sva' })).toBeNull();
    expect(hw.dids.size).toBe(0);
    hw.caps.ndoms = 4;
    expect(didAlloc(hw)).toBe(2);
    expect(didAlloc(hw)).toBe(3);
    expect(domainAttachIommu(hw, paging('x'))).toBe('ENOSPC');
    didFree(hw, 2);
    expect(didAlloc(hw)).toBe(2);
  });

  it('spans bitmap words (DIDs above 31)', () => {
    const hw = createVtdHw({ id: 'u', type: 'vtd' });
    for (let i = 2; i < 40; i++) expect(didAlloc(hw)).toBe(i);
    didFree(hw, 33);
    expect(didAlloc(hw)).toBe(33);
    expect(didAlloc(hw)).toBe(40);
  });
});

describe('sizing and names', () => {
  it('intel_pasid_alloc_table: at least one 4 KB directory page (32768 PASIDs, PDTS 2), 2^20 → PDTS 7', () => {
    expect(pasidTableSize(0)).toEqual({ maxPasid: 32768, pdts: 2 });
    expect(pasidTableSize(32768)).toEqual({ maxPasid: 32768, pdts: 2 });
    expect(pasidTableSize(65536)).toEqual({ maxPasid: 65536, pdts: 3 });
    expect(pasidTableSize(1 << 20)).toEqual({ maxPasid: 1 << 20, pdts: 7 });
  });

  it('fault names are VTD_0x with two uppercase hex digits (spec §3)', () => {
    expect(faultName(0x5b)).toBe('VTD_0x5B');
    expect(faultName(0x39)).toBe('VTD_0x39');
  });
});

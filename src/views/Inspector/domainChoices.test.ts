import { describe, expect, it } from 'vitest';
import type { DomainInfo } from '../../protocol/index.ts';
import { noDomainHint, pasidAttachChoices, ridAttachChoices, ridDetachName } from './domainChoices.ts';
import type { DomainChoiceModel } from './domainChoices.ts';

const dom = (id: string, type: DomainInfo['type'], iommu: string, defaultOf: string | null = null): DomainInfo => ({
  id,
  type,
  iommu,
  pasidCompat: true,
  mm: null,
  defaultOf,
});

/** rfc-problem's machine (one SMMUv3) plus a VT-d, with every kind of domain the engine lists. */
function model(extra: DomainInfo[] = [], ridDomain = 'default:grp:accel0'): DomainChoiceModel {
  const domains = [
    dom('blocked:smmuv3', 'blocked', ''),
    dom('identity:smmuv3', 'identity', ''),
    dom('blocked:vtd', 'blocked', ''),
    dom('identity:vtd', 'identity', ''),
    dom('default:grp:nic0', 'paging', 'smmu0', 'grp:nic0'),
    dom('default:grp:accel0', 'paging', 'smmu0', 'grp:accel0'),
    dom('sva:1', 'sva', 'smmu0'),
    ...extra,
  ];
  return {
    topology: {
      iommus: [
        { id: 'smmu0', type: 'smmuv3' },
        { id: 'smmu1', type: 'smmuv3' },
        { id: 'dmar0', type: 'vtd' },
      ],
    },
    domains,
    domain: (id) => domains.find((d) => d.id === id),
    device: (id) => (id === 'accel0' ? { iommu: 'smmu0', ridDomain, groupId: 'grp:accel0' } : undefined),
  };
}

describe('ridAttachChoices', () => {
  it('offers nothing before a domain_alloc: no static, default, SVA or other-group domain', () => {
    expect(ridAttachChoices(model(), 'accel0')).toEqual([]);
    expect(noDomainHint(model(), 'accel0')).toBe('allocate a domain on smmu0 first (domain_alloc)');
  });

  it('offers the domain_alloc domains of the device driver, any instance, in allocation order', () => {
    const m = model([
      dom('u1', 'paging', 'smmu0'),
      dom('v1', 'paging', 'dmar0'),
      dom('u2', 'blocked', 'smmu1'),
      dom('u3', 'identity', 'smmu0'),
    ]);
    expect(ridAttachChoices(m, 'accel0')).toEqual(['u1', 'u2', 'u3']);
  });

  it('offers nothing for an unknown device', () => {
    expect(ridAttachChoices(model([dom('u1', 'paging', 'smmu0')]), 'nope')).toEqual([]);
  });
});

describe('pasidAttachChoices', () => {
  it('offers "default" and the domain_alloc domains of the device driver, never blocked:* or *:vtd', () => {
    const m = model([dom('u1', 'paging', 'smmu0'), dom('v1', 'paging', 'dmar0')]);
    expect(pasidAttachChoices(m, 'accel0')).toEqual(['default', 'u1']);
    expect(pasidAttachChoices(model(), 'accel0')).toEqual(['default']);
  });
});

describe('ridDetachName', () => {
  it('names the default domain "default", an allocated one by its id, the static ones not at all', () => {
    expect(ridDetachName(model(), 'accel0')).toBe('default');
    expect(ridDetachName(model([dom('u1', 'paging', 'smmu0')], 'u1'), 'accel0')).toBe('u1');
    expect(ridDetachName(model([], 'blocked:smmuv3'), 'accel0')).toBeNull();
  });
});

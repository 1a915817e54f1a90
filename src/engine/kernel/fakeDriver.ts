/**
 * A recording IOMMU driver for core tests: it programs nothing, logs every call the core makes and
 * can be told to refuse set_dev_pasid for a device, so core rules are tested without hardware.
 */
import type { IommuDriver } from '../hw/driver.ts';
import type { SmmuHw } from '../hw/smmuv3/types.ts';
import type { IommuSpec } from '../scenario/types.ts';
import type { Errno } from '../trace/types.ts';
import type { DomainType } from './state.ts';

export interface FakeDriver extends IommuDriver {
  calls: string[];
  /** device id → errno that setDevPasid returns for it. */
  refuse: Map<string, Errno>;
}

export function fakeDriver(noPasidTypes: DomainType[] = []): FakeDriver {
  const calls: string[] = [];
  const refuse = new Map<string, Errno>();
  return {
    calls,
    refuse,
    maxPasids: (spec: IommuSpec) => 2 ** (spec.ssidBits ?? spec.pasidBits ?? 20),
    // The fake keeps no hardware; the cast satisfies the IommuState discriminant only.
    createHw: () => ({ kind: 'smmuv3' }) as unknown as SmmuHw,
    supportsPasidDomain: (type) => !noPasidTypes.includes(type),
    probeDevice: (_c, _i, dev) => void calls.push(`probe ${dev.id}`),
    domainAllocSva: (_c, _i, dev, dom) => {
      calls.push(`allocSva ${dev.id} ${dom.id}`);
      return null;
    },
    domainAllocPaging: (_c, _i, dom) => {
      calls.push(`allocPaging ${dom.id}`);
      return null;
    },
    domainFree: (_c, iommu, dom) => void calls.push(`free ${iommu.id} ${dom.id}`),
    attachDev: (_c, _i, dev, dom) => {
      calls.push(`attachDev ${dev.id} ${dom.id}`);
      return null;
    },
    setDevPasid: (_c, _i, dev, pasid, dom, old) => {
      calls.push(`set ${dev.id} ${pasid} ${dom.id}${old ? ` old=${old.id}` : ''}`);
      return refuse.get(dev.id) ?? null;
    },
    blockDevPasid: (_c, _i, dev, pasid, old) => void calls.push(`block ${dev.id} ${pasid} old=${old.id}`),
    mmRelease: (_c, iommus, dom) => {
      for (const iommu of iommus) calls.push(`release ${iommu.id} ${dom.id}`);
    },
    pasidEntries: () => new Map(),
    dma: (_c, _i, dev, pasid) => ({ ok: true, via: `${dev.id}:${pasid ?? 'rid'}` }),
  };
}

/**
 * Test fixture: a small valid scenario touching both IOMMU kinds, every device key and a fork,
 * as an untyped JSON-like object so tests can break it in ways the types would forbid.
 */

/** A fresh copy each call: tests mutate it. */
export function validScenario(): Record<string, unknown> & {
  iommus: Record<string, unknown>[];
  devices: Record<string, unknown>[];
  processes: Record<string, unknown>[];
  steps: Record<string, unknown>[];
} {
  return {
    format: 'pasid-sandbox/1',
    title: 'A 2-SSID accelerator starved by the global PASID space',
    notes: 'Two lines\nof notes.',
    policy: 'global',
    arch: 'arm64',
    enqcmdLike: false,
    iommus: [
      { id: 'smmu0', type: 'smmuv3', ssidBits: 20, cdTable: 'auto' },
      { id: 'vtd0', type: 'vtd', pasidBits: 20, cachingMode: false },
    ],
    devices: [
      { id: 'accel0', iommu: 'smmu0', bus: 'platform', pasidBits: 2, sid: 16 },
      { id: 'nic0', iommu: 'smmu0', pasidBits: null, group: 'g0', ats: true, pri: false, defaultDomain: 'dma' },
      { id: 'dsa0', iommu: 'vtd0', bus: 'pci', pasidBits: 20, enqcmd: true, bdf: '00:02.0' },
    ],
    processes: [{ id: 'P1' }, { id: 'P2', threads: 2, lam: false }],
    steps: [
      { op: 'bind', dev: 'accel0', proc: 'P1', note: 'P1 gets PASID 1' },
      { op: 'fork', proc: 'P1', child: 'P3' },
      { op: 'domain_alloc', id: 'd1', iommu: 'vtd0', type: 'paging', pasid: true },
      { op: 'attach_pasid', dev: 'dsa0', domain: 'd1', pasid: 5 },
      { op: 'enqcmd', proc: 'P2', dev: 'dsa0', thread: 1 },
      { op: 'dma', dev: 'dsa0', pasid: 5, addr: 4096 },
    ],
  };
}

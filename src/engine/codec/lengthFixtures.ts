/**
 * Shared by the link-length test (length.test.ts) and the links benchmark (bench/workloads/links.ts),
 * so both measure the very same scenarios.
 */
import type { Scenario, Step } from '../scenario/types.ts';

/** mulberry32: a small seeded PRNG; the fixture must not depend on Math.random. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 200 random steps over 8 devices and 16 processes, every 20th step with a short note. */
export function random200(seed: number): Scenario {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const devices = Array.from({ length: 8 }, (_, i) => ({
    id: `dev${i}`,
    iommu: 'smmu0',
    pasidBits: [2, 8, 16, 20][i % 4] ?? 20,
  }));
  const processes = Array.from({ length: 16 }, (_, i) => ({ id: `P${i + 1}`, threads: 2 }));
  const steps: Step[] = [];
  for (let i = 0; i < 200; i++) {
    const dev = `dev${int(8)}`;
    const proc = `P${1 + int(16)}`;
    const pasid = 1 + int(32);
    const makers: (() => Step)[] = [
      () => ({ op: 'bind', dev, proc }),
      () => ({ op: 'bind', dev, proc }),
      () => ({ op: 'unbind', dev, proc }),
      () => ({ op: 'bind_pasid', dev, proc, pasid }),
      () => ({ op: 'alloc_global_pasid', dev }),
      () => ({ op: 'free_global_pasid', pasid }),
      () => ({ op: 'attach_pasid', dev, domain: 'default', pasid }),
      () => ({ op: 'detach_pasid', dev, pasid }),
      () => ({ op: 'enqcmd', proc, dev, thread: int(2) }),
      () => ({ op: 'dma', dev, pasid, addr: int(1 << 20) * 4096 }),
    ];
    const step = (makers[int(makers.length)] ?? makers[0]!)();
    if (i % 20 === 0) step.note = `phase ${i / 20}: ${proc} on ${dev}`;
    steps.push(step);
  }
  return {
    format: 'pasid-sandbox/1',
    title: 'Random churn',
    iommus: [{ id: 'smmu0', type: 'smmuv3' }],
    devices,
    processes,
    steps,
  };
}

/** The RFC problem with short notes: a 2-SSID platform accelerator starved by the global PASID space. */
export const RFC_SHORT: Scenario = {
  format: 'pasid-sandbox/1',
  title: 'A 2-SSID accelerator starved by the global PASID space',
  policy: 'global',
  arch: 'arm64',
  iommus: [{ id: 'smmu0', type: 'smmuv3', ssidBits: 20 }],
  devices: [
    { id: 'accel0', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
    { id: 'nic0', iommu: 'smmu0', bus: 'pci', pasidBits: 20, ats: true, pri: true },
    { id: 'gpu0', iommu: 'smmu0', bus: 'pci', pasidBits: 16, ats: true },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }, { id: 'P3' }, { id: 'P4' }, { id: 'P5' }],
  steps: [
    { op: 'alloc_global_pasid', dev: 'nic0', note: 'kernel PASID for nic0' },
    { op: 'bind', dev: 'gpu0', proc: 'P1', note: 'P1 takes PASID 2' },
    { op: 'bind', dev: 'gpu0', proc: 'P2' },
    { op: 'bind', dev: 'nic0', proc: 'P3' },
    { op: 'bind', dev: 'accel0', proc: 'P4', note: 'no free PASID in [1, 3]' },
    { op: 'bind', dev: 'accel0', proc: 'P1', note: 'P1 already has PASID 2' },
    { op: 'bind', dev: 'gpu0', proc: 'P5' },
    { op: 'bind', dev: 'accel0', proc: 'P5', note: 'EOVERFLOW: PASID 5 > 3' },
    { op: 'unbind', dev: 'gpu0', proc: 'P2' },
    { op: 'exit', proc: 'P2', note: 'PASID 3 freed' },
    { op: 'bind', dev: 'accel0', proc: 'P4', note: 'now it fits' },
    { op: 'dma', dev: 'accel0', pasid: 3 },
  ],
};

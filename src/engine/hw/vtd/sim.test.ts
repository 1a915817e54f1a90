/**
 * End to end through the kernel core: the VT-d driver under Simulation (bind → DMA → exit → DMA →
 * unbind → DMA), one SVA domain shared by two VT-d units, and a structuredClone checkpoint.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario/types.ts';
import { Simulation } from '../../sim/simulation.ts';
import { show } from './testkit.ts';

const scenario: Scenario = {
  format: 'pasid-sandbox/1',
  arch: 'x86',
  iommus: [
    { id: 'dmar0', type: 'vtd' },
    { id: 'dmar1', type: 'vtd' },
  ],
  devices: [
    { id: 'dsa', iommu: 'dmar0', pasidBits: 20, ats: true, pri: true, bdf: '6a:01.0' },
    { id: 'iax', iommu: 'dmar1', pasidBits: 20, ats: true, bdf: '6b:02.0' },
    { id: 'nic', iommu: 'dmar0', pasidBits: 20, bdf: '6a:02.0' },
  ],
  processes: [{ id: 'P1' }],
  steps: [],
};

describe('VT-d under the kernel core', () => {
  it('bind, DMA, exit (P cleared, flushed, zeroed: no FPD since 75ed00055c05), recorded fault, unbind (nothing left to clear, no drain)', () => {
    const sim = Simulation.create(scenario);
    expect(sim.apply({ op: 'bind', dev: 'dsa', proc: 'P1' })).toMatchObject({ ok: true, pasid: 1 });
    expect(sim.apply({ op: 'dma', dev: 'dsa', pasid: 1 })).toMatchObject({
      ok: true,
      via: 'CTX[6a:01.0]→PASIDTE[1] did 1 → mm P1',
    });
    // No ATS: intel_iommu_sva_supported refuses both the reuse and a new SVA domain.
    expect(sim.apply({ op: 'bind', dev: 'nic', proc: 'P1' })).toMatchObject({ ok: false, errno: 'EINVAL' });
    const exit = sim.apply({ op: 'exit', proc: 'P1' });
    const exitWrites = (exit.effects ?? []).map(show);
    expect(exitWrites[0]).toBe('W PASIDTE[6a:01.0][1] P=false FPD=false PGTT=1 DID=1 FLPTR=mm:P1 SRE=false');
    expect(exitWrites[1]).toBe('D PC g=1 did=1 pasid=1');
    expect(exitWrites).toContain('W PASIDTE[6a:01.0][1] P=false FPD=false PGTT=0 DID=0 FLPTR=null SRE=false');
    // DMA still in flight after the release: the entry is all-zero, so the fault is recorded.
    const inFlight = sim.apply({ op: 'dma', dev: 'dsa', pasid: 1 });
    expect(inFlight).toMatchObject({ ok: false, fault: 'VTD_0x59' });
    expect((inFlight.effects ?? []).map(show)).toEqual(['F VTD_0x59 sid=6a:01.0 pasid=1 addr=0 frcd=0']);
    // The detach finds P=0 and FPD=0: nothing to clear and, since the release skipped it too, no PRQ drain.
    const unbind = sim.apply({ op: 'unbind', dev: 'dsa', proc: 'P1' });
    expect((unbind.effects ?? []).map(show)).toEqual([]);
    const fault = sim.apply({ op: 'dma', dev: 'dsa', pasid: 1 });
    expect(fault).toMatchObject({ ok: false, fault: 'VTD_0x59' });
  });

  it('one SVA domain serves the mm on both units (bind on dmar1 reuses the dmar0 domain)', () => {
    const sim = Simulation.create(scenario);
    sim.apply({ op: 'bind', dev: 'dsa', proc: 'P1' });
    expect(sim.apply({ op: 'bind', dev: 'iax', proc: 'P1' })).toMatchObject({ ok: true, pasid: 1 });
    const sva = [...sim.state.domains.values()].filter((d) => d.type === 'sva');
    expect(sva.map((d) => d.users)).toEqual([2]);
    expect(sim.apply({ op: 'dma', dev: 'iax', pasid: 1 })).toMatchObject({
      ok: true,
      via: 'CTX[6b:02.0]→PASIDTE[1] did 1 → mm P1',
    });
  });

  it('exit walks the links of the SVA domain newest first across both units (intel_mm_release, one dev_pasids list)', () => {
    const sim = Simulation.create(scenario);
    sim.apply({ op: 'bind', dev: 'dsa', proc: 'P1' });
    sim.apply({ op: 'bind', dev: 'iax', proc: 'P1' });
    const entries = (sim.apply({ op: 'exit', proc: 'P1' }).effects ?? [])
      .filter((e) => e.kind === 'write')
      .map((e) => `${e.iommu} ${'entry' in e ? e.entry : ''}`);
    // iax (dmar1) was linked last, so list_add put it at the head: it is torn down first.
    // Each entry twice: P cleared, then (after the flushes) zeroed.
    expect(entries).toEqual([
      'dmar1 PASIDTE[6b:02.0][1]',
      'dmar1 PASIDTE[6b:02.0][1]',
      'dmar0 PASIDTE[6a:01.0][1]',
      'dmar0 PASIDTE[6a:01.0][1]',
    ]);
  });

  it('a checkpoint (structuredClone) replays identically', () => {
    const sim = Simulation.create(scenario);
    sim.apply({ op: 'bind', dev: 'dsa', proc: 'P1' });
    sim.apply({ op: 'dma', dev: 'dsa', pasid: 1 });
    const copy = sim.clone();
    const steps = [
      { op: 'exit', proc: 'P1' },
      { op: 'dma', dev: 'dsa', pasid: 1 },
      { op: 'unbind', dev: 'dsa', proc: 'P1' },
      { op: 'dma', dev: 'dsa', pasid: 1 },
    ] as const;
    for (const st of steps) expect(copy.apply(st)).toEqual(sim.apply(st));
  });

  it("S5: Linux's own flows never meet a stale IOTLB entry: DID 1 and PASID 1 reused by another mm after unbind and exit", () => {
    const sim = Simulation.create({ ...scenario, processes: [{ id: 'P1' }, { id: 'P2' }] });
    const via = (): string | undefined => sim.apply({ op: 'dma', dev: 'dsa', pasid: 1 }).via;
    sim.apply({ op: 'bind', dev: 'dsa', proc: 'P1' });
    expect(via()).toBe('CTX[6a:01.0]→PASIDTE[1] did 1 → mm P1');
    expect(sim.state.iommus.get('dmar0')?.hw).toMatchObject({
      iotlb: new Map([[0x100001, { pgtt: 1, target: 'mm:P1' }]]),
    });
    sim.apply({ op: 'unbind', dev: 'dsa', proc: 'P1' });
    sim.apply({ op: 'exit', proc: 'P1' });
    expect(sim.apply({ op: 'bind', dev: 'dsa', proc: 'P2' })).toMatchObject({ ok: true, pasid: 1 });
    // The teardown's P_IOTLB (DID 1, PASID 1) dropped P1's translation.
    expect(via()).toBe('CTX[6a:01.0]→PASIDTE[1] did 1 → mm P2');
  });
});

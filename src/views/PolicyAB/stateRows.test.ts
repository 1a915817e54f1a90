import { describe, expect, it } from 'vitest';
import { POLICIES, runScenario } from '../../engine/index.ts';
import type { FinalState, Scenario } from '../../engine/index.ts';
import { shownStateRows, stateRows } from './stateRows.ts';

/** The RFC problem in miniature: a 2-bit device starved under global, fine per device. */
const RFC: Scenario = {
  format: 'pasid-sandbox/1',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [
    { id: 'nic0', iommu: 'smmu0', pasidBits: 20 },
    { id: 'accel0', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }, { id: 'P3' }, { id: 'P4' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1' },
    { op: 'bind', dev: 'nic0', proc: 'P2' },
    { op: 'bind', dev: 'nic0', proc: 'P3' },
    { op: 'bind', dev: 'accel0', proc: 'P4' },
    { op: 'exit', proc: 'P3' },
  ],
};

const finals: FinalState[] = POLICIES.map((policy) => runScenario(RFC, { policy }).final);

describe('stateRows', () => {
  it('gives the global IDA, each device and each mm, one value per policy', () => {
    const rows = stateRows(finals);
    expect(rows.map((r) => r.what)).toStrictEqual([
      'Global IDA',
      'nic0 PASIDs',
      'accel0 PASIDs',
      'P1 mm PASID',
      'P2 mm PASID',
      'P3 mm PASID',
      'P4 mm PASID',
    ]);
    // global, per-device-cap, arch-gated (arm64: per device), driver-managed (mainline bind).
    expect(rows.find((r) => r.what === 'accel0 PASIDs')?.values).toStrictEqual(['none', '1', '1', 'none']);
    expect(rows.find((r) => r.what === 'P4 mm PASID')?.values).toStrictEqual(['–', '1', '1', '–']);
    // P3 exits still bound to nic0: its mm keeps PASID 3 until the unbind.
    expect(rows.find((r) => r.what === 'P3 mm PASID')?.values[0]).toBe('3 (exited)');
  });

  it('marks a row that differs between any two columns, and only those', () => {
    const rows = stateRows(finals);
    for (const r of rows) expect(r.differs).toBe(new Set(r.values).size > 1);
    expect(rows.filter((r) => r.differs).map((r) => r.what)).toContain('accel0 PASIDs');
    // Two columns, as A/B has: global and driver-managed agree on this run.
    expect(stateRows([finals[0]!, finals[3]!]).some((r) => r.differs)).toBe(false);
    expect(stateRows([])).toStrictEqual([]);
  });
});

describe('shownStateRows', () => {
  const row = (what: string, differs: boolean) => ({ what, values: differs ? ['1', '2'] : ['1', '1'], differs });
  it('shows every row when they fit', () => {
    const rows = [row('Global IDA', false), row('d0 PASIDs', true), row('P1 mm PASID', false)];
    expect(shownStateRows(rows, 3)).toStrictEqual({ rows, sameHidden: 0, differsHidden: 0 });
  });

  it('past the cap, keeps the global IDA and the rows that differ, and counts the rest', () => {
    const rows = [
      row('Global IDA', false),
      ...Array.from({ length: 100 }, (_, i) => row(`p${i} mm PASID`, i % 10 === 0)),
    ];
    const shown = shownStateRows(rows, 5);
    expect(shown.rows.map((r) => r.what)).toStrictEqual([
      'Global IDA',
      'p0 mm PASID',
      'p10 mm PASID',
      'p20 mm PASID',
      'p30 mm PASID',
    ]);
    expect(shown.sameHidden).toBe(90);
    expect(shown.differsHidden).toBe(6);
  });
});

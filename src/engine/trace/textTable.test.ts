import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { runScenario } from '../sim/simulation.ts';
import { resultText, stepArgs, traceTextTable } from './textTable.ts';

const SCENARIO: Scenario = {
  format: 'pasid-sandbox/1',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [
    { id: 'nic0', iommu: 'smmu0', pasidBits: 20 },
    { id: 'accel0', iommu: 'smmu0', bus: 'platform', pasidBits: 1 },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1', note: 'not in the table' },
    { op: 'bind', dev: 'nic0', proc: 'P2' },
    { op: 'bind', dev: 'accel0', proc: 'P2' },
    { op: 'dma', dev: 'accel0', pasid: 1, addr: 4096 },
    { op: 'free_global_pasid', pasid: 12 },
  ],
};

describe('traceTextTable(steps, results)', () => {
  it('prints fixed-width columns i, op, args, result, pasid', () => {
    const trace = runScenario(SCENARIO);
    expect(traceTextTable(SCENARIO.steps, trace.steps, { title: 'demo (global)' })).toBe(
      [
        'demo (global)',
        '',
        'i  op                 args                          result     pasid',
        '-  -----------------  ----------------------------  ---------  -----',
        '0  bind               dev=nic0 proc=P1              ok             1',
        '1  bind               dev=nic0 proc=P2              ok             2',
        '2  bind               dev=accel0 proc=P2            EOVERFLOW      -',
        '3  dma                dev=accel0 pasid=1 addr=4096  C_BAD_CD       -',
        '4  free_global_pasid  pasid=12                      WARN           -',
      ].join('\n')
    );
  });

  it('has no trailing spaces, no tabs, and equal column starts on every row', () => {
    const trace = runScenario(SCENARIO);
    const text = traceTextTable(SCENARIO.steps, trace.steps);
    const lines = text.split('\n');
    expect(lines).toHaveLength(2 + SCENARIO.steps.length);
    for (const l of lines) {
      expect(l).not.toMatch(/\s$/);
      expect(l).not.toContain('\t');
    }
    const opCol = lines[0]?.indexOf('op');
    const argsCol = lines[0]?.indexOf('args');
    for (const l of lines.slice(2)) {
      expect(l.slice(opCol).startsWith(' ')).toBe(false);
      expect(l.slice(argsCol).startsWith(' ')).toBe(false);
      expect(l[argsCol! - 1]).toBe(' ');
    }
  });

  it('right-aligns i and pasid', () => {
    const steps = Array.from({ length: 11 }, () => ({ op: 'bind' as const, dev: 'nic0', proc: 'P1' }));
    const trace = runScenario({ ...SCENARIO, steps });
    const lines = traceTextTable(steps, trace.steps).split('\n');
    expect(lines[2]).toMatch(/^ 0 {2}bind/);
    expect(lines[12]).toMatch(/^10 {2}bind/);
    expect(lines[2]?.endsWith('    1')).toBe(true);
  });

  it('cuts long args with "..."', () => {
    const steps = [{ op: 'claim_dma_owner' as const, dev: 'nic0', owner: 'x'.repeat(80) }];
    const trace = runScenario({ ...SCENARIO, steps });
    const row = traceTextTable(steps, trace.steps, { maxArgs: 20 }).split('\n')[2] ?? '';
    expect(row).toContain('dev=nic0 owner=xx...');
  });
});

describe('stepArgs / resultText', () => {
  it('lists arguments in key order without the note', () => {
    expect(stepArgs({ op: 'dma', dev: 'd', pasid: 3, addr: 4096, note: 'n' })).toBe('dev=d pasid=3 addr=4096');
    expect(stepArgs({ op: 'domain_alloc', id: 'x', iommu: 'i', type: 'paging', pasid: true })).toBe(
      'id=x iommu=i type=paging pasid=true'
    );
  });
  it('names ok, the errno or the fault', () => {
    expect(resultText({ i: 0, op: 'bind', ok: true, pasid: 1 })).toBe('ok');
    expect(resultText({ i: 0, op: 'bind', ok: false, errno: 'ENOSPC' })).toBe('ENOSPC');
    expect(resultText({ i: 0, op: 'dma', ok: false, fault: 'C_BAD_CD' })).toBe('C_BAD_CD');
  });
});

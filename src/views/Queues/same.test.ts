import { describe, expect, it } from 'vitest';
import type { HwStat } from '../../protocol/views.ts';
import type { QueueEntry } from './queueModel.ts';
import { sameEntry, sameStat } from './same.ts';

const entry = (): QueueEntry => ({
  seq: 2,
  name: 'CFGI_CD',
  detail: 'sid=1 ssid=3 leaf',
  targets: ['smmu0:CD[1][3]'],
  severity: 'info',
});

const stat = (): HwStat => ({
  iommu: 'smmu0',
  type: 'smmuv3',
  counters: [
    ['CMDQ commands', 12],
    ['stream table', 'linear'],
  ],
});

describe('sameEntry', () => {
  it('compares content, not identity', () => {
    expect(sameEntry(entry(), entry())).toBe(true);
  });

  it.each<[string, (e: QueueEntry) => void]>([
    ['seq', (e) => (e.seq = 3)],
    ['name', (e) => (e.name = 'SYNC')],
    ['detail', (e) => (e.detail = 'sid=1 ssid=4 leaf')],
    ['severity', (e) => (e.severity = 'error')],
    ['a target', (e) => (e.targets[0] = 'smmu1:CD[1][3]')],
    ['the target list', (e) => e.targets.push('smmu0:CD[1][4]')],
  ])('sees a change of %s', (_, change) => {
    const b = entry();
    change(b);
    expect(sameEntry(entry(), b)).toBe(false);
  });
});

describe('sameStat', () => {
  it('compares content, not identity', () => {
    expect(sameStat(stat(), stat())).toBe(true);
  });

  it.each<[string, (s: HwStat) => void]>([
    ['owner', (s) => (s.iommu = 'smmu1')],
    ['a value', (s) => (s.counters[0]![1] = 13)],
    ['a name', (s) => (s.counters[1]![0] = 'CD tables')],
    ['the counter list', (s) => s.counters.pop()],
  ])('sees a change of %s', (_, change) => {
    const b = stat();
    change(b);
    expect(sameStat(stat(), b)).toBe(false);
  });
});

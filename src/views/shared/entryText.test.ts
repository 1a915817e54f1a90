import { describe, expect, it } from 'vitest';
import { argsText, effectTarget, fieldText, ptrProc, ptrText, writtenFields } from './entryText.ts';

describe('entryText', () => {
  it('names pointers and fields', () => {
    expect(ptrText('mm:P1')).toBe("P1's mm");
    expect(ptrText('dom:default:grp:dsa0')).toBe('default DMA domain');
    expect(ptrText('dom:d1')).toBe('domain d1');
    expect(ptrText(null)).toBe('—');
    expect(ptrProc('mm:P7')).toBe('P7');
    expect(fieldText('Config', 5)).toBe('5 · S1 translate');
    expect(fieldText('S1CDMax', 2)).toBe('2 · 4 CDs');
    expect(fieldText('PGTT', 1)).toBe('1 · first-stage');
    expect(fieldText('ASID', 3)).toBe('3');
  });

  it('finds the row an effect touched', () => {
    expect(effectTarget({ kind: 'write', iommu: 'smmu0', entry: 'CD[0][1]', fields: {} })).toBe('smmu0:CD[0][1]');
    expect(effectTarget({ kind: 'cmd', iommu: 'smmu0', name: 'CFGI_CD', args: { sid: 0, ssid: 1, leaf: true } })).toBe(
      'smmu0:CD[0][1]'
    );
    expect(effectTarget({ kind: 'cmd', iommu: 'smmu0', name: 'CFGI_STE', args: { sid: 4, leaf: true } })).toBe(
      'smmu0:STE[4]'
    );
    expect(effectTarget({ kind: 'cmd', iommu: 'smmu0', name: 'ATC_INV', args: { sid: 0, ssv: false, ssid: 0 } })).toBe(
      'smmu0:STE[0]'
    );
    expect(effectTarget({ kind: 'cmd', iommu: 'smmu0', name: 'SYNC', args: {} })).toBeNull();
    expect(
      effectTarget({ kind: 'event', iommu: 'smmu0', name: 'C_BAD_CD', args: { sid: 1, ssv: true, ssid: 3 } })
    ).toBe('smmu0:CD[1][3]');
    expect(
      effectTarget({ kind: 'fault', iommu: 'dmar0', name: 'VTD_0x59', args: { sid: '00:01.0', pasid: 1, addr: 0 } })
    ).toBe('dmar0:PASIDTE[00:01.0][1]');
    expect(effectTarget({ kind: 'desc', iommu: 'dmar0', name: 'PC', args: { g: 1, did: 1, pasid: 1 } })).toBeNull();
    // Found by a hardware audit: rows that were not where the decision was made.
    expect(
      effectTarget({ kind: 'cmd', iommu: 'smmu0', name: 'CFGI_CD', args: { sid: 2, ssid: 2048, leaf: false } })
    ).toBe('smmu0:L1CD[2][2]');
    for (const name of ['F_STREAM_DISABLED', 'C_BAD_SUBSTREAMID']) {
      expect(effectTarget({ kind: 'event', iommu: 'smmu0', name, args: { sid: 1, ssv: true, ssid: 3 } })).toBe(
        'smmu0:STE[1]'
      );
    }
    expect(
      effectTarget({ kind: 'fault', iommu: 'dmar0', name: 'VTD_0x59', args: { sid: '00:01.0', pasid: null, addr: 0 } })
    ).toBe('dmar0:PASIDTE[00:01.0][0]');
    expect(
      effectTarget({ kind: 'fault', iommu: 'dmar0', name: 'VTD_0x41', args: { sid: '00:01.0', pasid: null, addr: 0 } })
    ).toBe('dmar0:CTX[00:01.0]');
    expect(effectTarget({ kind: 'msr', proc: 'P1', thread: 0, pasid: 1 })).toBeNull();
  });

  it('collects written fields per row', () => {
    const m = writtenFields([
      { kind: 'write', iommu: 'smmu0', entry: 'CD[0][1]', fields: { TTB0: 'mm:P1' } },
      { kind: 'cmd', iommu: 'smmu0', name: 'SYNC', args: {} },
      { kind: 'write', iommu: 'smmu0', entry: 'CD[0][1]', fields: { V: 1, ASID: 3 } },
    ]);
    expect([...(m.get('smmu0:CD[0][1]') ?? [])]).toEqual(['TTB0', 'V', 'ASID']);
    expect(argsText({ sid: 0, ssid: 1, leaf: true, ssv: false })).toBe('sid=0 ssid=1 leaf !ssv');
  });
});

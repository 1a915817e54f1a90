import { describe, expect, it } from 'vitest';
import { resultSummary } from './ResultText.tsx';
import { stepText } from './stepText.ts';

describe('stepText()', () => {
  it('names the device, process and PASID of a step', () => {
    expect(stepText({ op: 'bind', dev: 'accel0', proc: 'P4' })).toBe('bind accel0 ← P4');
    expect(stepText({ op: 'dma', dev: 'accel0', pasid: 3 })).toBe('dma accel0 pasid 3');
    expect(stepText({ op: 'dma', dev: 'nic0' })).toBe('dma nic0 (no PASID)');
    expect(stepText({ op: 'replace_pasid', dev: 'd', domain: 'x', pasid: 2 })).toBe('replace_pasid d pasid 2 → x');
  });
});

describe('resultSummary()', () => {
  it('shows the PASID, the errno or the fault', () => {
    expect(resultSummary({ i: 0, op: 'bind', ok: true, pasid: 1 })).toBe('ok · PASID 1');
    expect(resultSummary({ i: 3, op: 'bind', ok: false, errno: 'ENOSPC' })).toBe('ENOSPC');
    expect(resultSummary({ i: 6, op: 'dma', ok: false, fault: 'C_BAD_CD' })).toBe('fault C_BAD_CD');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearNotice,
  resetUiStore,
  scenarioLoaded,
  selectDevice,
  selectProc,
  setPlaybackInterval,
  showNotice,
  togglePanel,
  useUiStore,
} from './uiStore.ts';

beforeEach(() => resetUiStore());

describe('uiStore', () => {
  it('selectDevice() and selectProc() keep each other', () => {
    selectDevice('accel0');
    selectProc('P4');
    expect(useUiStore.getState().selection).toEqual({ device: 'accel0', proc: 'P4' });
  });

  it('scenarioLoaded() takes the policy, clears selection and notice', () => {
    selectDevice('nic0');
    showNotice({ kind: 'error', text: 'x' });
    scenarioLoaded('rfc-problem.json', 'arch-gated');
    expect(useUiStore.getState()).toMatchObject({
      source: 'rfc-problem.json',
      policy: 'arch-gated',
      notice: null,
      selection: { device: null, proc: null },
    });
  });

  it('setPlaybackInterval() clamps to [50, 5000] ms', () => {
    setPlaybackInterval(1);
    expect(useUiStore.getState().playback.intervalMs).toBe(50);
    setPlaybackInterval(1e9);
    expect(useUiStore.getState().playback.intervalMs).toBe(5000);
  });

  it('togglePanel() flips one panel', () => {
    togglePanel('log');
    expect(useUiStore.getState().panels).toEqual({ topology: true, inspector: true, log: false });
  });

  it('clearNotice() removes the banner', () => {
    showNotice({ kind: 'info', text: 'exported' });
    clearNotice();
    expect(useUiStore.getState().notice).toBeNull();
  });
});

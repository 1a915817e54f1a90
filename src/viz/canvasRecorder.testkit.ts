/**
 * A 2D context for painter tests: every call is recorded as `name(args)`, numbers rounded,
 * strings as they are, anything else (an image) as `img`.
 */
import type { CellsContext } from './gridCells.ts';

export function canvasRecorder(): CellsContext & { calls: string[] } {
  const calls: string[] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]): void =>
      void calls.push(
        `${name}(${args.map((a) => (typeof a === 'number' ? Math.round(a) : typeof a === 'string' ? a : 'img')).join(',')})`
      );
  return {
    calls,
    clearRect: rec('clearRect'),
    beginPath: rec('beginPath'),
    arc: rec('arc'),
    moveTo: rec('moveTo'),
    lineTo: rec('lineTo'),
    stroke: rec('stroke'),
    fillText: rec('fillText'),
    strokeRect: rec('strokeRect'),
    setLineDash: rec('setLineDash'),
    save: rec('save'),
    restore: rec('restore'),
    rect: rec('rect'),
    clip: rec('clip'),
    setTransform: rec('setTransform'),
    fillRect: rec('fillRect'),
    drawImage: rec('drawImage'),
    imageSmoothingEnabled: true,
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
  };
}

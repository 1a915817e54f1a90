/**
 * d3 math and canvas painters for the live views: no React, no engine. Views import from here.
 */
export * from './cardLayout.ts';
export * from './gridCells.ts';
export * from './gridOverlay.ts';
export * from './morton.ts';
export * from './palette.ts';
export * from './panZoom.ts';
export * from './pasidGrid.ts';
export * from './statechart.ts';
export * from './stripLabels.ts';
export * from './tripartite.ts';
export * from './zoomMath.ts';

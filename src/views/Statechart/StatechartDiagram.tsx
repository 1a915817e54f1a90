/**
 * Draws a laid-out statechart (viz/layoutChart) as SVG: compound and parallel regions as
 * framed boxes, atomic states as rounded boxes, transitions as curved arrows with their event.
 * The active states are filled and marked "●", the last transition is thick and labelled.
 */
import { memo, useId } from 'react';
import type { ChartLayout } from '../../viz/statechart.ts';

export interface StatechartDiagramProps {
  layout: ChartLayout;
  active: ReadonlySet<string>;
  /** Edge ids ("source→target") of the last transition. */
  lastEdges: ReadonlySet<string>;
  label: string;
}

export const StatechartDiagram = memo(function StatechartDiagram({
  layout,
  active,
  lastEdges,
  label,
}: StatechartDiagramProps) {
  const marker = useId().replace(/:/g, '');
  const extra = layout.edges.reduce((m, e) => Math.max(m, e.ly + 20, e.lx + 80), 0);
  const width = Math.max(layout.width, extra) + 8;
  const height = Math.max(layout.height + 8, ...layout.edges.map((e) => e.ly + 18));
  return (
    <svg
      width={width}
      height={height}
      role="group"
      aria-label={label}
      className="vz-chart"
      data-testid="statechart-svg"
    >
      <defs>
        <marker
          id={`${marker}-a`}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth="10"
          markerHeight="10"
          orient="auto-start-reverse"
        >
          <path d="M0,0L10,5L0,10z" className="vz-arrow" />
        </marker>
        <marker
          id={`${marker}-h`}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth="10"
          markerHeight="10"
          orient="auto-start-reverse"
        >
          <path d="M0,0L10,5L0,10z" className="vz-arrow-hot" />
        </marker>
      </defs>
      <g transform="translate(4,4)">
        {layout.nodes.map((n) => {
          const isActive = active.has(n.id);
          if (n.type === 'atomic' || n.type === 'final') {
            return (
              <g
                key={n.id}
                className={isActive ? 'vz-state vz-state-active' : 'vz-state'}
                style={{ transform: `translate(${n.x}px, ${n.y}px)` }}
                data-testid="chart-state"
                data-state={n.id}
                data-active={isActive ? 'true' : 'false'}
              >
                <rect width={n.w} height={n.h} rx={10} />
                <text x={n.w / 2} y={n.h / 2 + 5} textAnchor="middle">
                  {isActive ? '● ' : ''}
                  {n.key}
                </text>
              </g>
            );
          }
          return (
            <g
              key={n.id}
              className={`vz-region vz-region-${n.type}`}
              style={{ transform: `translate(${n.x}px, ${n.y}px)` }}
            >
              <rect width={n.w} height={n.h} rx={8} />
              <text x={10} y={18} className="vz-region-label">
                {n.key}
                {n.type === 'parallel' ? ' (parallel regions)' : ''}
              </text>
            </g>
          );
        })}
        {layout.edges.map((e) => {
          const hot = lastEdges.has(e.id);
          return (
            <g
              key={e.id}
              className={hot ? 'vz-tr vz-tr-hot' : 'vz-tr'}
              data-testid={hot ? 'chart-last-transition' : undefined}
            >
              <path d={e.d} markerEnd={`url(#${marker}-${hot ? 'h' : 'a'})`} />
              <text x={e.lx} y={e.ly} textAnchor="middle" className="vz-tr-label">
                {e.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
});

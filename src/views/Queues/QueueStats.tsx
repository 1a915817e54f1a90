/**
 * The IOMMU counters above the queues (one list per IOMMU). A step moves the counters of the
 * IOMMUs it used, so each list re-renders only when its own counters changed.
 */
import { memo } from 'react';
import type { Ref } from 'react';
import type { HwStat } from '../../protocol/views.ts';
import './queues.css';
import { sameStat } from './same.ts';

const IommuStat = memo(
  function IommuStat({ stat }: { stat: HwStat }) {
    return (
      <ul className="vz-stat" aria-label={`${stat.iommu} counters`}>
        <li className="vz-stat-owner">{stat.iommu}</li>
        {stat.counters.map(([k, v]) => (
          <li key={k} className="vz-stat-item">
            <span className="vz-stat-key">{k}</span> <b>{v}</b>
          </li>
        ))}
      </ul>
    );
  },
  (a, b) => sameStat(a.stat, b.stat)
);

export function QueueStats({ stats, ref }: { stats: readonly HwStat[]; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="vz-stats" ref={ref}>
      {stats.map((s) => (
        <IommuStat key={s.iommu} stat={s} />
      ))}
    </div>
  );
}

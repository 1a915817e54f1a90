/**
 * Which devices a table diagram draws: the selected device when it sits on this IOMMU, else
 * every device up to a cap (devices whose entries the step changed first).
 */
import type { ColumnTable } from '../../client/columnTable.ts';

export const MAX_DIAGRAM_DEVICES = 8;

export function diagramDevices(
  t: ColumnTable<'ste'> | ColumnTable<'ctx'>,
  unit: number,
  selected: string | null,
  changedDevices: ReadonlySet<string>
): { devices: Set<string> | null; total: number } {
  const [from, to] = t.range([unit]);
  const all: string[] = [];
  for (let i = from; i < to; i++) all.push((t as ColumnTable<'ste'>).s(t.slotAt(i), 'dev') ?? '');
  if (selected !== null && all.includes(selected)) return { devices: new Set([selected]), total: all.length };
  if (all.length <= MAX_DIAGRAM_DEVICES) return { devices: null, total: all.length };
  const first = [...all.filter((d) => changedDevices.has(d)), ...all].slice(0, MAX_DIAGRAM_DEVICES);
  return { devices: new Set(first), total: all.length };
}

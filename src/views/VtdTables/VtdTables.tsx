/**
 * VT-d view: root → scalable-mode context entry → PASID directory → PASID table entries for
 * each unit, as a diagram (changed fields highlighted) or as tables, one row per entry.
 */
import type { KindSpec } from '../shared/EntryTables.tsx';
import { HwTablesView } from '../shared/HwTablesView.tsx';
import type { HwTablesProps, HwTablesSpec } from '../shared/HwTablesView.tsx';
import { VTD_COLUMNS, vtdCards } from './vtdCards.ts';

export const VTD_KINDS: readonly KindSpec[] = [
  {
    kind: 'root',
    label: 'Root',
    cols: [
      { col: 'bus', label: 'Bus' },
      { col: 'LP', label: 'LP' },
      { col: 'UP', label: 'UP' },
    ],
  },
  {
    kind: 'ctx',
    label: 'Context',
    cols: [
      { col: 'bdf', label: 'BDF' },
      { col: 'P', label: 'P' },
      { col: 'PASIDE', label: 'PASIDE' },
      { col: 'PDTS', label: 'PDTS' },
      { col: 'RID_PASID', label: 'RID_PASID' },
      { col: 'DTE', label: 'DTE' },
      { col: 'PRE', label: 'PRE' },
    ],
  },
  {
    kind: 'pdir',
    label: 'PASID dir',
    cols: [
      { col: 'dir', label: 'Index' },
      { col: 'P', label: 'P' },
      { col: 'FPD', label: 'FPD' },
    ],
  },
  {
    kind: 'pte',
    label: 'PASID table',
    cols: [
      { col: 'pasid', label: 'PASID' },
      { col: 'P', label: 'P' },
      { col: 'FPD', label: 'FPD' },
      { col: 'PGTT', label: 'PGTT' },
      { col: 'DID', label: 'DID' },
      { col: 'FLPTR', label: 'FLPTR →', ptr: true },
    ],
  },
];

/** In a narrow diagram the root table goes first, then the PASID directory. */
const ROOT_COLUMN = [0, 2];

/** The VT-d flavour of the hardware view. */
const VTD_VIEW: HwTablesSpec = {
  title: 'VT-d: context entry → PASID directory → PASID table',
  testId: 'vtd',
  unitLabel: 'Unit',
  deviceKind: 'ctx',
  entryKind: 'pte',
  devicesNoun: 'devices',
  entriesNoun: 'PASID entries',
  diagramLabel: (id) => `${id} context and PASID tables`,
  columns: VTD_COLUMNS,
  deviceColumn: 1,
  optionalColumns: ROOT_COLUMN,
  kinds: VTD_KINDS,
  cards: (input, iommu, devices) => vtdCards(input, iommu, devices),
};

export type VtdTablesProps = HwTablesProps;

export function VtdTables(p: VtdTablesProps) {
  return <HwTablesView spec={VTD_VIEW} {...p} />;
}

/**
 * VT-d view: root → scalable-mode context entry → PASID directory → PASID table entries for
 * each unit, as a diagram (changed fields highlighted) or as tables, one row per entry.
 */
import { HwTablesView } from '../shared/HwTablesView.tsx';
import type { HwTablesProps, HwTablesSpec } from '../shared/HwTablesView.tsx';
import { VTD_COLUMNS, VTD_KINDS, vtdCards } from './vtdCards.ts';

/** In a narrow diagram the root table goes first, then the PASID directory. */
const ROOT_COLUMN = [0, 2];

/** The VT-d flavour of the hardware view. */
const VTD_VIEW: HwTablesSpec = {
  title: 'VT-d: context entry → PASID directory → PASID table',
  view: 'vtd',
  testId: 'vtd',
  unitLabel: 'Unit',
  deviceKind: 'ctx',
  entryKind: 'pte',
  devicesNoun: ['device', 'devices'],
  entriesNoun: ['PASID entry', 'PASID entries'],
  diagramLabel: (id) => `${id} context and PASID tables`,
  columns: VTD_COLUMNS,
  deviceColumn: 1,
  optionalColumns: ROOT_COLUMN,
  kinds: VTD_KINDS,
  cards: (input, iommu, devices, unit) => vtdCards(input, iommu, devices, { unit }),
};

export type VtdTablesProps = HwTablesProps;

export function VtdTables(p: VtdTablesProps) {
  return <HwTablesView spec={VTD_VIEW} {...p} />;
}

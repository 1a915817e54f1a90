/**
 * SMMUv3 view: stream table → STE → (L1CD →) CD for each SMMU instance, as a diagram (cards
 * with the fields the step wrote highlighted) or as tables with one row per valid entry.
 */
import type { KindSpec } from '../shared/EntryTables.tsx';
import { HwTablesView } from '../shared/HwTablesView.tsx';
import type { HwTablesProps, HwTablesSpec } from '../shared/HwTablesView.tsx';
import { SMMU_COLUMNS, smmuCards } from './smmuCards.ts';

export const SMMU_KINDS: readonly KindSpec[] = [
  {
    kind: 'ste',
    label: 'STE',
    cols: [
      { col: 'sid', label: 'SID' },
      { col: 'V', label: 'V' },
      { col: 'Config', label: 'Config' },
      { col: 'S1Fmt', label: 'S1Fmt' },
      { col: 'S1CDMax', label: 'S1CDMax' },
      { col: 'S1DSS', label: 'S1DSS' },
      { col: 'S1ContextPtr', label: 'S1ContextPtr' },
      { col: 'EATS', label: 'EATS' },
    ],
  },
  {
    kind: 'l1cd',
    label: 'L1CD',
    cols: [
      { col: 'l1', label: 'Index' },
      { col: 'V', label: 'V' },
      { col: 'L2Ptr', label: 'L2Ptr' },
    ],
  },
  {
    kind: 'cd',
    label: 'CD',
    cols: [
      { col: 'ssid', label: 'SSID' },
      { col: 'V', label: 'V' },
      { col: 'ASID', label: 'ASID' },
      { col: 'TTB0', label: 'TTB0 →', ptr: true },
      { col: 'EPD0', label: 'EPD0' },
    ],
  },
];

/** The SMMUv3 flavour of the hardware view. */
const SMMU_VIEW: HwTablesSpec = {
  title: 'SMMUv3: stream table → context descriptors',
  testId: 'smmu',
  unitLabel: 'SMMU',
  deviceKind: 'ste',
  entryKind: 'cd',
  devicesNoun: 'masters',
  entriesNoun: 'CDs',
  diagramLabel: (id) => `${id} stream table and CD tables`,
  columns: SMMU_COLUMNS,
  deviceColumn: 0,
  kinds: SMMU_KINDS,
  cards: (input, iommu, devices) => smmuCards(input, iommu, devices),
};

export type SmmuTablesProps = HwTablesProps;

export function SmmuTables(p: SmmuTablesProps) {
  return <HwTablesView spec={SMMU_VIEW} {...p} />;
}

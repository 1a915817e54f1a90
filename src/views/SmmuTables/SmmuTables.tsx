/**
 * SMMUv3 view: stream table → STE → (L1CD →) CD for each SMMU instance, as a diagram (cards
 * with the fields the step wrote highlighted) or as tables with one row per valid entry.
 */
import { HwTablesView } from '../shared/HwTablesView.tsx';
import type { HwTablesProps, HwTablesSpec } from '../shared/HwTablesView.tsx';
import { SMMU_COLUMNS, SMMU_KINDS, smmuCards } from './smmuCards.ts';

/** The SMMUv3 flavour of the hardware view. */
const SMMU_VIEW: HwTablesSpec = {
  title: 'SMMUv3: stream table → context descriptors',
  view: 'smmu',
  testId: 'smmu',
  unitLabel: 'SMMU',
  deviceKind: 'ste',
  entryKind: 'cd',
  devicesNoun: ['master', 'masters'],
  entriesNoun: ['CD', 'CDs'],
  diagramLabel: (id) => `${id} stream table and CD tables`,
  columns: SMMU_COLUMNS,
  deviceColumn: 0,
  kinds: SMMU_KINDS,
  cards: (input, iommu, devices, unit) => smmuCards(input, iommu, devices, { unit }),
};

export type SmmuTablesProps = HwTablesProps;

export function SmmuTables(p: SmmuTablesProps) {
  return <HwTablesView spec={SMMU_VIEW} {...p} />;
}

/** The simulated IOMMU drivers, one per IommuType. */
import type { IommuType } from '../scenario/types.ts';
import type { IommuDriver } from './driver.ts';
import { smmuv3Driver } from './smmuv3/index.ts';
import { vtdDriver } from './vtd/index.ts';

export const DRIVERS: Readonly<Record<IommuType, IommuDriver>> = { smmuv3: smmuv3Driver, vtd: vtdDriver };

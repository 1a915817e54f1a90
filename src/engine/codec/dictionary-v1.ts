/**
 * Preset deflate dictionary of codec v1. Short links are mostly text (title, notes, ids) and a
 * few hundred bytes are too little for deflate to learn from, so we prime its history buffer with the
 * vocabulary scenarios use: kernel and hardware names, errnos, op names, common ids and plain
 * English. Matches against it cost ~2–3 bytes instead of one byte a character (−10…35 % on
 * typical links, measured in share.test.ts).
 *
 * FROZEN: every v1 link was compressed against exactly these bytes. Never edit; a different
 * dictionary needs a new codec version. Pure ASCII so the string is its own byte encoding.
 * Deflate matches closer to the end are cheaper, so the most common words come last.
 */
const TEXT =
  'pasid-sandbox/1 x86 arm64 FEAT_LS64_ACCDATA ACCDATA_EL1 LAM IA32_PASID MSR load #GP ' +
  'IOMMU_PASID_INVALID IOMMU_CAP_PER_DEV_PASID_SPACE iommu_attach_device_pasid_any ' +
  'iommu_sva_bind_device_pasid iommu_alloc_global_pasid iommu_free_global_pasid mm_get_enqcmd_pasid ' +
  'mm_pasid_drop __mmdrop mm_users mmu-notifier release F_TRANSLATION C_BAD_STREAMID C_BAD_STE ' +
  'C_BAD_SUBSTREAMID C_BAD_CD F_STREAM_DISABLED ABORT VTD_0x CFGI_STE CFGI_CD TLBI_NH_ASID ATC_INV ' +
  'SYNC P_IOTLB PASID_DEVTLB PASID directory PASID table entry context entry STE CD L1CD linear 2lvl ' +
  'asid StreamID substream SSIDSIZE caching mode CM=1 VT-d SMMUv3 ATS PRI PCIe platform iommufd vfio ' +
  'idxd DSA IAA RFC SVA RID DMA mainline per-device-cap arch-gated driver-managed policy WARN EBUSY ' +
  'EINVAL EPERM ENOMEM ENODEV ENOENT EOPNOTSUPP EOVERFLOW ENOSPC reset_prepare reset_done ' +
  'claim_dma_owner release_dma_owner free_global_pasid alloc_global_pasid domain_alloc attach_dev ' +
  'detach_dev attach_pasid_any attach_pasid replace_pasid detach_pasid bind_pasid enqcmd exit fork ' +
  'dma vtd0 vtd1 smmu0 smmu1 dsa0 iax0 nic0 gpu0 npu0 dev0 dev1 dev2 accel0 accel1 P1 P2 P3 P4 P5 ' +
  'P6 P7 P8 thread user identity blocked paging the group default domain. A process exits and its ' +
  'mm is freed; fork gives the child a fresh mm with no PASID. The driver allocator picks the ' +
  'lowest free ID for this device: it works, the same PASID is reused by another process on a ' +
  'different device, then unbind and bind again. No free global PASID in [1, 3] so bind fails ' +
  'because the mm already has a PASID too large for the accelerator; ENQCMD faults with #GP. ' +
  'The kernel gets a PASID from the global space: DMA without PASID to the device ';

/** The dictionary bytes (ASCII). */
export const DICTIONARY_V1: Uint8Array = Uint8Array.from(TEXT, (c) => c.charCodeAt(0));

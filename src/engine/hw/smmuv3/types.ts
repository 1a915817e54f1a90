/** SMMUv3 hardware state (placeholder: the SMMUv3 model defines the real shape). */
export interface SmmuHw {
  kind: 'smmuv3';
}

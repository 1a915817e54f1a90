/** VT-d hardware state (placeholder: the VT-d model defines the real shape). */
export interface VtdHw {
  kind: 'vtd';
}

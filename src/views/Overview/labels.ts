/** Human labels for machine state names. */
const RID_LABEL: Record<string, string> = {
  default: 'RID: default (DMA)',
  identity: 'RID: identity',
  blocked: 'RID: blocked',
  userDomain: 'RID: user domain',
  userOwned: 'RID: user-owned',
  resetting: 'RID: resetting',
  sync: 'RID: …',
};

export function ridLabel(rid: string): string {
  return RID_LABEL[rid] ?? rid;
}

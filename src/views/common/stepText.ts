import type { Step } from '../../engine/index.ts';

/** A step in one line, in the spec's words: "bind accel0 ← P4", "dma accel0 pasid 3". */
export function stepText(s: Step): string {
  switch (s.op) {
    case 'bind':
    case 'unbind':
      return `${s.op} ${s.dev} ← ${s.proc}`;
    case 'bind_pasid':
      return `bind_pasid ${s.dev} ← ${s.proc}${s.pasid === undefined ? '' : ` pasid ${s.pasid}`}`;
    case 'alloc_global_pasid':
      return `alloc_global_pasid ${s.dev}`;
    case 'free_global_pasid':
      return `free_global_pasid ${s.pasid}`;
    case 'domain_alloc':
      return `domain_alloc ${s.id} (${s.type}${s.pasid ? ', pasid' : ''}) on ${s.iommu}`;
    case 'attach_dev':
    case 'detach_dev':
      return `${s.op} ${s.dev} ${s.domain}`;
    case 'attach_pasid':
    case 'replace_pasid':
      return `${s.op} ${s.dev} pasid ${s.pasid} → ${s.domain}`;
    case 'attach_pasid_any':
      return `attach_pasid_any ${s.dev} → ${s.domain}`;
    case 'detach_pasid':
      return `detach_pasid ${s.dev} pasid ${s.pasid}`;
    case 'claim_dma_owner':
      return `claim_dma_owner ${s.dev}${s.owner ? ` (${s.owner})` : ''}`;
    case 'release_dma_owner':
    case 'reset_prepare':
    case 'reset_done':
      return `${s.op} ${s.dev}`;
    case 'exit':
      return `exit ${s.proc}`;
    case 'fork':
      return `fork ${s.proc} → ${s.child}`;
    case 'enqcmd':
      return `enqcmd ${s.proc}${s.thread ? ` thread ${s.thread}` : ''} → ${s.dev}`;
    case 'dma':
      return `dma ${s.dev}${s.pasid === undefined ? ' (no PASID)' : ` pasid ${s.pasid}`}${s.addr === undefined ? '' : ` @0x${s.addr.toString(16)}`}`;
  }
}

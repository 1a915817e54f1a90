/**
 * Guards: which actions cannot happen right now, and why. They mirror the kernel's early checks
 * (caller preconditions, ENOENT/EOPNOTSUPP/EPERM, reset gating, ownership rules, WARN refusals)
 * over the client's mirrored model, so the UI disables an impossible action and shows the reason.
 *
 * Allocator outcomes (ENOSPC, EOVERFLOW, a busy PASID slot, out-of-range PASIDs) are deliberately
 * NOT guarded: they are what the sandbox exists to show, so those actions stay enabled and the
 * kernel's answer appears in the step log.
 */
import type { Step } from '../engine/index.ts';
import type { DeviceView, DomainInfo, GroupView, ModelView, ProcView } from './modelView.ts';

/** Why an action is impossible, or null when it may run. */
export type Blocker = string | null;

const perDevice = new Set(['per-device-cap', 'arch-gated']);

function liveProc(m: ModelView, id: string): ProcView | string {
  const p = m.proc(id);
  if (!p) return `no process ${id}`;
  if (!p.alive) return `${id} has exited: there is no mm to use`;
  return p;
}

function devAndGroup(m: ModelView, id: string): [DeviceView, GroupView] | string {
  const d = m.device(id);
  const g = d ? m.groupOf(id) : undefined;
  if (!d || !g) return `no device ${id}`;
  return [d, g];
}

function resetGate(_d: DeviceView, g: GroupView): Blocker {
  if (g.resetting === 0) return null;
  return `group ${g.id} is in reset recovery: attaches in it fail with EBUSY until reset_done (R43)`;
}

function domainOf(m: ModelView, dev: DeviceView, name: string): DomainInfo | undefined {
  const id = name === 'default' ? findDefault(m, dev) : name;
  return id === undefined ? undefined : m.domain(id);
}

function findDefault(m: ModelView, dev: DeviceView): string | undefined {
  return m.domains.find((d) => d.defaultOf === dev.groupId)?.id;
}

/** The blocker for `step` on the model as it stands, or null when the step may run. */
export function stepBlocker(m: ModelView, step: Step): Blocker {
  switch (step.op) {
    case 'bind':
    case 'bind_pasid': {
      if (step.op === 'bind_pasid' && m.policy !== 'driver-managed')
        return 'bind_pasid exists only under the driver-managed policy (EOPNOTSUPP)';
      const p = liveProc(m, step.proc);
      if (typeof p === 'string') return p;
      const dg = devAndGroup(m, step.dev);
      if (typeof dg === 'string') return dg;
      if (p.lam && m.topology?.arch === 'x86') return `${p.id} uses LAM: its mm is not DMA-compatible (EBUSY, R10)`;
      return resetGate(...dg);
    }
    case 'unbind':
      if (!m.bond(step.dev, step.proc)) return `${step.dev} has no SVA bond with ${step.proc} (ENOENT)`;
      return null;
    case 'attach_pasid_any':
      if (!perDevice.has(m.policy))
        return 'attach_pasid_any exists only under per-device-cap and arch-gated (EOPNOTSUPP)';
      return attachBlocker(m, step.dev, step.domain);
    case 'attach_pasid':
      return attachBlocker(m, step.dev, step.domain);
    case 'replace_pasid': {
      const b = attachBlocker(m, step.dev, step.domain);
      if (b) return b;
      if (!m.groupOf(step.dev)?.pasids.some((e) => e.pasid === step.pasid))
        return `nothing is attached at PASID ${step.pasid}: replace needs an existing entry (EINVAL, R31)`;
      return null;
    }
    case 'detach_pasid':
      if (!m.groupOf(step.dev)?.pasids.some((e) => e.pasid === step.pasid))
        return `nothing is attached at PASID ${step.pasid} of ${step.dev}'s group`;
      return null;
    case 'attach_dev': {
      const dg = devAndGroup(m, step.dev);
      if (typeof dg === 'string') return dg;
      const [d, g] = dg;
      if (!m.domain(step.domain)) return `no domain ${step.domain}`;
      if (g.devices.length !== 1)
        return `group ${g.id} has ${g.devices.length} devices: iommu_attach_device needs a singleton group (EINVAL, R35)`;
      return resetGate(d, g);
    }
    case 'detach_dev': {
      const d = m.device(step.dev);
      if (!d) return `no device ${step.dev}`;
      // A step names the RID's default domain "default" (the engine resolves it per device).
      if (domainOf(m, d, step.domain)?.id !== d.ridDomain)
        return `${step.domain} is not ${d.id}'s RID domain: detach would only WARN (R36)`;
      return null;
    }
    case 'claim_dma_owner': {
      const dg = devAndGroup(m, step.dev);
      if (typeof dg === 'string') return dg;
      const [, g] = dg;
      const owner = step.owner ?? 'user';
      if (g.owner !== null && g.owner !== owner) return `group ${g.id} is owned by "${g.owner}" (EPERM, R39)`;
      if (g.owner === null && g.pasids.length > 0) return `group ${g.id} has PASIDs attached (EBUSY, R38)`;
      return null;
    }
    case 'release_dma_owner': {
      const g = m.groupOf(step.dev);
      if (!g) return `no device ${step.dev}`;
      if (g.owner === null) return `group ${g.id} is not owned: release would only WARN`;
      if (g.pasids.length > 0) return `group ${g.id} still has PASIDs attached: release is refused with a WARN (R41)`;
      return null;
    }
    case 'reset_prepare': {
      const d = m.device(step.dev);
      if (!d) return `no device ${step.dev}`;
      return d.rid === 'resetting' ? `${d.id} is already in reset recovery` : null;
    }
    case 'reset_done': {
      const d = m.device(step.dev);
      if (!d) return `no device ${step.dev}`;
      return d.rid === 'resetting' ? null : `${d.id} is not in reset recovery`;
    }
    case 'exit':
    case 'enqcmd': {
      const p = liveProc(m, step.proc);
      if (typeof p === 'string') return p;
      if (step.op === 'enqcmd' && (step.thread ?? 0) >= p.threads) return `${p.id} has no thread ${step.thread ?? 0}`;
      return null;
    }
    case 'fork': {
      const p = liveProc(m, step.proc);
      if (typeof p === 'string') return p;
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(step.child)) return 'child id: 1–32 characters of A–Z a–z 0–9 _ . -';
      if (m.proc(step.child)) return `a process named ${step.child} exists already`;
      return null;
    }
    case 'free_global_pasid':
      if (!m.globalPasids.includes(step.pasid)) return `PASID ${step.pasid} is not allocated: ida_free would only WARN`;
      return null;
    case 'domain_alloc':
      if (!/^[A-Za-z0-9_.-]{1,32}$/.test(step.id)) return 'domain id: 1–32 characters of A–Z a–z 0–9 _ . -';
      if (m.domain(step.id)) return `a domain named ${step.id} exists already`;
      return null;
    case 'alloc_global_pasid':
    case 'dma':
      return m.device(step.dev) ? null : `no device ${step.dev}`;
  }
}

function attachBlocker(m: ModelView, devId: string, domain: string): Blocker {
  const dg = devAndGroup(m, devId);
  if (typeof dg === 'string') return dg;
  const [d, g] = dg;
  if (!domainOf(m, d, domain)) return `no domain ${domain}`;
  return resetGate(d, g);
}

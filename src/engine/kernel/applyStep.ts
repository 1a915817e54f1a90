/**
 * One scenario step → the kernel function it names (spec §2) → an Outcome. Steps arrive validated
 * (every id resolves); runtime conditions such as an exited process or a missing bond are results.
 */
import { idaAlloc, idaFree, idaHas } from '../alloc/ida.ts';
import type { Step } from '../scenario/types.ts';
import { IOMMU_FIRST_GLOBAL_PASID, IOMMU_PASID_INVALID } from './state.ts';
import type { Ctx, Domain, ProcState } from './state.ts';
import { devOf, groupOf } from './lookup.ts';
import { attachDevicePasid, attachDevicePasidAny, detachDevicePasid, replaceDevicePasid } from './pasidAttach.ts';
import { bind, bindPasid, unbind } from './sva.ts';
import { attachDev, claimDmaOwner, detachDev, releaseDmaOwner, resetDone, resetPrepare } from './rid.ts';
import { exitProcess, forkProcess } from './mm.ts';
import { dma, enqcmd } from './device.ts';
import { OK, fail, ok } from './outcome.ts';
import { kernelHas } from './policyOps.ts';
import { touchDomain, touchGlobals } from './touched.ts';
import type { KErr, Outcome } from './outcome.ts';

function done(err: KErr | null, pasid?: number): Outcome {
  return err ? fail(err.errno, err.message) : ok(pasid);
}

function live(c: Ctx, id: string): ProcState | Outcome {
  const p = c.s.procs.get(id);
  if (!p) return fail('ENOENT', `no process ${id}`);
  if (!p.alive) return fail('ENOENT', `${id} has exited`);
  return p;
}

function isOutcome(x: ProcState | Outcome): x is Outcome {
  return 'ok' in x;
}

/** A step's `domain`: "default" is the group's DMA-API domain (idxd's attach at a kernel PASID). */
function resolveDomain(c: Ctx, devId: string, name: string): Domain | Outcome {
  const dev = devOf(c, devId);
  const id = name === 'default' ? groupOf(c, dev).defaultDomain : name;
  return c.s.domains.get(id) ?? fail('ENOENT', `no domain ${name}`);
}

function isDomain(x: Domain | Outcome): x is Domain {
  return 'type' in x;
}

/** Runs one step on the state in `c`. */
export function applyStep(c: Ctx, step: Step): Outcome {
  switch (step.op) {
    case 'unbind': {
      // Drivers release their handles after the process is gone too (fd close at exit).
      const p = c.s.procs.get(step.proc);
      if (!p) return fail('ENOENT', `no process ${step.proc}`);
      return done(unbind(c, p, devOf(c, step.dev)));
    }
    case 'bind':
    case 'bind_pasid': {
      const p = live(c, step.proc);
      if (isOutcome(p)) return p;
      const dev = devOf(c, step.dev);
      if (!kernelHas(step.op, c.s.policy)) {
        return fail('EOPNOTSUPP', 'iommu_sva_bind_device_pasid exists only under the driver-managed policy');
      }
      const r = step.op === 'bind' ? bind(c, p, dev) : bindPasid(c, p, dev, step.pasid);
      return typeof r === 'number' ? ok(r) : done(r);
    }
    case 'alloc_global_pasid': {
      const dev = devOf(c, step.dev);
      const pasid = dev.maxPasids === 0 ? -1 : idaAlloc(c.s.globalIda, IOMMU_FIRST_GLOBAL_PASID, dev.maxPasids - 1);
      if (pasid < 0)
        return fail(
          'ENOSPC',
          `iommu_alloc_global_pasid: no free global PASID in [1, ${Math.max(0, dev.maxPasids - 1)}] for ${dev.id}`
        );
      c.s.kernelPasids.set(pasid, dev.id);
      touchGlobals(c, pasid);
      return ok(pasid);
    }
    case 'free_global_pasid': {
      if (step.pasid === IOMMU_PASID_INVALID) return fail('WARN', 'iommu_free_global_pasid(IOMMU_PASID_INVALID)');
      if (!idaHas(c.s.globalIda, step.pasid)) return fail('WARN', `ida_free: PASID ${step.pasid} is not allocated`);
      idaFree(c.s.globalIda, step.pasid);
      c.s.kernelPasids.delete(step.pasid);
      touchGlobals(c, step.pasid);
      return OK;
    }
    case 'domain_alloc': {
      const iommu = c.s.iommus.get(step.iommu);
      if (!iommu) return fail('ENOENT', `no IOMMU ${step.iommu}`);
      if (step.pasid === true && iommu.maxPasids === 0) {
        return fail('EOPNOTSUPP', `${iommu.id} has no PASID support: IOMMU_HWPT_ALLOC_PASID refused`);
      }
      const dom: Domain = {
        id: step.id,
        type: step.type,
        driver: iommu.type,
        iommu: iommu.id,
        pasidCompat: step.pasid ?? false,
        mm: null,
        users: 0,
        defaultOf: null,
        live: true,
      };
      if (dom.type === 'paging') {
        const err = c.drv[iommu.type].domainAllocPaging(c, iommu, dom);
        if (err) return fail(err, `${iommu.id}'s driver cannot allocate paging domain ${dom.id}`);
      }
      c.s.domains.set(step.id, dom);
      touchDomain(c, step.id);
      return OK;
    }
    case 'attach_dev':
    case 'detach_dev': {
      const dom = resolveDomain(c, step.dev, step.domain);
      if (!isDomain(dom)) return dom;
      const dev = devOf(c, step.dev);
      return done(step.op === 'attach_dev' ? attachDev(c, dev, dom) : detachDev(c, dev, dom));
    }
    case 'attach_pasid':
    case 'replace_pasid': {
      const dom = resolveDomain(c, step.dev, step.domain);
      if (!isDomain(dom)) return dom;
      const dev = devOf(c, step.dev);
      const err =
        step.op === 'attach_pasid'
          ? attachDevicePasid(c, dom, dev, step.pasid, null)
          : replaceDevicePasid(c, dom, dev, step.pasid);
      return done(err);
    }
    case 'attach_pasid_any': {
      if (!kernelHas(step.op, c.s.policy)) {
        return fail('EOPNOTSUPP', 'iommu_attach_device_pasid_any exists only in the RFC policies');
      }
      const dom = resolveDomain(c, step.dev, step.domain);
      if (!isDomain(dom)) return dom;
      const r = attachDevicePasidAny(c, dom, devOf(c, step.dev), null);
      return typeof r === 'number' ? ok(r) : done(r);
    }
    case 'detach_pasid': {
      const dev = devOf(c, step.dev);
      if (!groupOf(c, dev).pasidArray.has(step.pasid)) {
        return fail('ENOENT', `nothing is attached at PASID ${step.pasid} of ${dev.id}'s group`);
      }
      detachDevicePasid(c, dev, step.pasid);
      return OK;
    }
    case 'claim_dma_owner':
      return done(claimDmaOwner(c, devOf(c, step.dev), step.owner ?? 'user'));
    case 'release_dma_owner':
      return done(releaseDmaOwner(c, devOf(c, step.dev)));
    case 'reset_prepare': {
      const r = resetPrepare(c, devOf(c, step.dev));
      if (r === 'ungated')
        return { ok: true, message: `${step.dev} is not an ATS-capable PCI device: no IOMMU reset gating` };
      return done(r);
    }
    case 'reset_done': {
      const r = resetDone(c, devOf(c, step.dev));
      if (r === 'ungated')
        return { ok: true, message: `${step.dev} is not an ATS-capable PCI device: no IOMMU reset gating` };
      if (r === 'idle') return { ok: true, message: `${step.dev} was not in reset recovery: nothing to restore` };
      return OK;
    }
    case 'exit': {
      const p = live(c, step.proc);
      if (isOutcome(p)) return p;
      exitProcess(c, p);
      return OK;
    }
    case 'fork': {
      const p = live(c, step.proc);
      if (isOutcome(p)) return p;
      if (c.s.procs.has(step.child)) return fail('EINVAL', `process ${step.child} already exists`);
      forkProcess(c, p, step.child);
      return OK;
    }
    case 'enqcmd': {
      const p = live(c, step.proc);
      if (isOutcome(p)) return p;
      return enqcmd(c, p, devOf(c, step.dev), step.thread ?? 0);
    }
    case 'dma':
      return dma(c, devOf(c, step.dev), step.pasid, step.addr ?? 0);
  }
}

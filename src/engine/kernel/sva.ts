/**
 * drivers/iommu/iommu-sva.c: iommu_sva_bind_device / iommu_sva_unbind_device (R9–R21), with the
 * policy switch of spec §1.1: mainline global IDA, the RFC patch's per-device space (sticky mm
 * PASID included), the arch-gated variant, and the proposed iommu_sva_bind_device_pasid.
 */
import { createIda, idaAlloc, idaAllocAt, idaFree } from '../alloc/ida.ts';
import { IOMMU_FIRST_GLOBAL_PASID, IOMMU_NO_PASID, IOMMU_PASID_INVALID } from './state.ts';
import type { Ctx, DeviceState, Domain, IommuMmData, ProcState, SvaHandle } from './state.ts';
import { bondKey, devOf, domainOf, driverOf, groupOf, iommuOf, iommusOfType } from './lookup.ts';
import { attachDevicePasid, attachDevicePasidAny, detachEntry } from './pasidAttach.ts';
import { maybeDropMm } from './mm.ts';
import { takesPerDeviceSpace } from './policyOps.ts';
import { kerr } from './outcome.ts';
import { touchBond, touchDomain, touchDomainUsers, touchGlobals, touchHandle, touchProc } from './touched.ts';
import type { KErr } from './outcome.ts';

/** The PASID bound, or why not (a number, not a `{ pasid }` object: one allocation less per bind). */
type BindResult = number | KErr;

/** Whether a fresh mm takes its PASID from the device's own space instead of the global IDA. */
function perDeviceSpace(c: Ctx, dev: DeviceState): boolean {
  const { policy, enqcmdLike } = c.s;
  // Mainline and driver-managed never do: no IOMMU lookup on their binds.
  if (policy !== 'per-device-cap' && policy !== 'arch-gated') return false;
  return takesPerDeviceSpace(policy, enqcmdLike, iommuOf(c, dev).type);
}

/**
 * arch_pgtable_dma_compat() false (R10): only x86 overrides the generic `return true`, refusing an mm
 * that uses LAM (the IOMMU would not ignore its tag bits). On arm64 the flag changes nothing.
 */
function lamRefuses(c: Ctx, p: ProcState): KErr | null {
  if (!p.lam || c.s.arch !== 'x86') return null;
  return kerr('EBUSY', `${p.id}'s mm uses LAM: not DMA-compatible (arch_pgtable_dma_compat)`);
}

/**
 * iommu_alloc_mm_data (R10–R13): LAM → EBUSY; an existing PASID ≥ dev max → EOVERFLOW; else a fresh
 * PASID from the global IDA bounded by this device (ENOSPC), or IOMMU_NO_PASID for a per-device space.
 */
function allocMmData(c: Ctx, p: ProcState, dev: DeviceState): { err: KErr } | IommuMmData {
  const lam = lamRefuses(c, p);
  if (lam) return { err: lam };
  const cur = p.iommuMm;
  if (cur && cur.pasid !== IOMMU_PASID_INVALID) {
    if (cur.pasid >= dev.maxPasids) {
      return {
        err: kerr(
          'EOVERFLOW',
          `${p.id} already owns PASID ${cur.pasid}, not below ${dev.id}'s max_pasids ${dev.maxPasids}`
        ),
      };
    }
    return cur;
  }
  const mm: IommuMmData = cur ?? {
    // Kernel: IOMMU_PASID_INVALID until assigned. Both branches below assign it before the mm is
    // published (ENOSPC drops a fresh one), so 0 stands in: a first value of 0xffffffff, beyond a
    // small integer, would make V8 box every mm's pasid, and each PASID copied from it, as a heap number.
    pasid: IOMMU_NO_PASID,
    pasidGlobal: false,
    svaDomains: [],
    enqcmdVisible: true,
  };
  if (perDeviceSpace(c, dev)) {
    mm.pasid = IOMMU_NO_PASID;
    mm.pasidGlobal = false;
  } else {
    const pasid = dev.maxPasids === 0 ? -1 : idaAlloc(c.s.globalIda, IOMMU_FIRST_GLOBAL_PASID, dev.maxPasids - 1);
    if (pasid < 0) {
      return {
        err: kerr('ENOSPC', `no free global PASID in [1, ${Math.max(0, dev.maxPasids - 1)}] for ${dev.id}`),
      };
    }
    touchGlobals(c, pasid);
    mm.pasid = pasid;
    mm.pasidGlobal = true;
  }
  mm.enqcmdVisible = true;
  // R13: published now; the mm keeps this PASID whatever happens next.
  p.iommuMm = mm;
  // Every path that wrote mm's fields (p.iommuMm's own, when it existed) reaches here.
  touchProc(c, p.id);
  return mm;
}

function newHandle(c: Ctx, dev: DeviceState, dom: Domain, pasid: number, mm: string, driverPasid: boolean): SvaHandle {
  const h: SvaHandle = {
    id: c.s.nextHandle++,
    dev: dev.id,
    group: dev.group,
    domain: dom.id,
    pasid,
    users: 1,
    mm,
    driverPasid,
  };
  c.s.handles.set(h.id, h);
  touchHandle(c, h.id);
  return h;
}

function pushBond(c: Ctx, dev: DeviceState, p: ProcState, handle: number): void {
  const key = bondKey(dev, p);
  const stack = c.s.bonds.get(key);
  if (stack) stack.push(handle);
  else c.s.bonds.set(key, [handle]);
  touchBond(c, key);
}

/** iommu_attach_handle_get(group, pasid, SVA) + the bind's reuse rule (R15, R16, R34). */
function existingHandle(c: Ctx, dev: DeviceState, pasid: number, proc: string): KErr | SvaHandle | null {
  const entry = groupOf(c, dev).pasidArray.get(pasid);
  if (!entry) return null;
  if (entry.userHandle)
    return kerr('EBUSY', `PASID ${pasid} of group ${dev.group} holds a non-SVA handle (${entry.domain})`);
  if (entry.handle === null) return null; // a bare domain reads as -ENOENT; attach then says EBUSY
  const h = c.s.handles.get(entry.handle);
  if (!h) return null;
  if (h.mm !== proc) return kerr('EBUSY', `PASID ${pasid} of group ${dev.group} is bound to ${h.mm}'s mm`);
  return h;
}

/** Attach through an existing SVA domain of the mm, or a new one (R17–R19). */
function attachSva(
  c: Ctx,
  p: ProcState,
  dev: DeviceState,
  mm: IommuMmData,
  pasid: number,
  driverPasid: boolean
): BindResult {
  const provisional = c.s.nextHandle;
  const iommu = iommuOf(c, dev);
  if (pasid !== IOMMU_NO_PASID) {
    for (const domId of mm.svaDomains) {
      const dom = domainOf(c, domId);
      // Fast path: another driver's domain fails attachDevicePasid's precheck (R25 steps 1–2) before
      // any change, and R17 ignores the error, so skip it without building the error message.
      if (dom.driver !== iommu.type) continue;
      if (attachDevicePasid(c, dom, dev, pasid, provisional)) continue; // R17: failures are ignored
      dom.users++;
      touchDomainUsers(c, dom.id);
      newHandle(c, dev, dom, pasid, p.id, driverPasid);
      return pasid;
    }
  }
  const dom: Domain = {
    id: `sva:${c.s.nextSvaDomain++}`,
    type: 'sva',
    driver: iommu.type,
    iommu: iommu.id,
    pasidCompat: true,
    mm: p.id,
    users: 0,
    defaultOf: null,
    live: true,
  };
  const allocErr = driverOf(c, iommu).domainAllocSva(c, iommu, dev, dom);
  if (allocErr) return kerr(allocErr, `${dev.id}'s driver cannot allocate an SVA domain`);
  c.s.domains.set(dom.id, dom);
  touchDomain(c, dom.id);
  const got =
    pasid !== IOMMU_NO_PASID
      ? (attachDevicePasid(c, dom, dev, pasid, provisional) ?? pasid)
      : attachDevicePasidAny(c, dom, dev, provisional);
  if (typeof got !== 'number') {
    freeSvaDomain(c, dom); // R19
    return got;
  }
  // RFC: attach_any wrote the chosen value into iommu_mm->pasid — sticky for this mm's later binds.
  if (pasid === IOMMU_NO_PASID) mm.pasid = got;
  dom.users = 1;
  listAdd(mm.svaDomains, dom.id); // the newest domain is tried first
  touchProc(c, p.id);
  newHandle(c, dev, dom, got, p.id, driverPasid);
  return got;
}

/*
 * list_add / list_del on iommu_mm->sva_domains, an array of a few ids. Written out because unshift
 * leaves optimized code for the runtime and splice allocates the array of removed elements, on every
 * bind and unbind that makes or frees a domain.
 */
function listAdd(list: string[], id: string): void {
  for (let i = list.length; i > 0; i--) list[i] = list[i - 1]!;
  list[0] = id;
}

function listDel(list: string[], at: number): void {
  for (let i = at + 1; i < list.length; i++) list[i - 1] = list[i]!;
  list.pop();
}

function freeSvaDomain(c: Ctx, dom: Domain): void {
  const drv = c.drv[dom.driver];
  for (const iommu of iommusOfType(c, dom.driver)) drv.domainFree(c, iommu, dom);
  dom.live = false;
  c.s.domains.delete(dom.id);
  touchDomain(c, dom.id);
}

/** iommu_sva_bind_device (R9–R21). */
export function bind(c: Ctx, p: ProcState, dev: DeviceState): BindResult {
  const mm = allocMmData(c, p, dev);
  if ('err' in mm) return mm.err;
  const found = existingHandle(c, dev, mm.pasid, p.id);
  if (found && 'errno' in found) return found;
  if (found) {
    found.users++;
    touchHandle(c, found.id);
    pushBond(c, dev, p, found.id);
    return found.pasid;
  }
  const res = attachSva(c, p, dev, mm, mm.pasid, false);
  if (typeof res === 'number') pushBond(c, dev, p, c.s.nextHandle - 1);
  return res;
}

/** The driver's own per-device PASID allocator (driver-managed), sized to the device. */
function driverIda(c: Ctx, dev: DeviceState) {
  let ida = c.s.driverIdas.get(dev.id);
  if (!ida) {
    ida = createIda(Math.max(1, dev.maxPasids));
    c.s.driverIdas.set(dev.id, ida);
  }
  return ida;
}

/**
 * The proposed iommu_sva_bind_device_pasid(dev, mm, pasid) (2026-05-07/13 replies): the driver supplies a
 * PASID from its own allocator; the mm gets SVA but no ENQCMD PASID (mm_get_enqcmd_pasid stays invalid).
 */
export function bindPasid(c: Ctx, p: ProcState, dev: DeviceState, asked: number | undefined): BindResult {
  const lam = lamRefuses(c, p);
  if (lam) return lam;
  const ida = driverIda(c, dev);
  let pasid: number;
  if (asked === undefined) {
    pasid = dev.maxPasids <= 1 ? -1 : idaAlloc(ida, IOMMU_FIRST_GLOBAL_PASID, dev.maxPasids - 1);
    if (pasid < 0)
      return kerr(
        'ENOSPC',
        dev.maxPasids > 1
          ? `${dev.id}'s driver has no free PASID in [1, ${dev.maxPasids - 1}]`
          : `${dev.id} has no usable PASID (max_pasids ${dev.maxPasids})`
      );
  } else {
    if (asked === IOMMU_NO_PASID || asked >= dev.maxPasids) {
      if (dev.maxPasids <= 1) {
        return kerr('EINVAL', `${dev.id} has no usable PASID (max_pasids ${dev.maxPasids}): PASID ${asked} refused`);
      }
      return kerr('EINVAL', `PASID ${asked} is outside ${dev.id}'s [1, ${dev.maxPasids - 1}]`);
    }
    if (!idaAllocAt(ida, asked)) {
      const found = existingHandle(c, dev, asked, p.id);
      if (found && !('errno' in found) && found.driverPasid) {
        found.users++;
        touchHandle(c, found.id);
        pushBond(c, dev, p, found.id);
        return asked;
      }
      return kerr('EBUSY', `${dev.id}'s driver already handed out PASID ${asked}`);
    }
    pasid = asked;
  }
  if (!p.iommuMm) {
    p.iommuMm = { pasid: IOMMU_PASID_INVALID, pasidGlobal: false, svaDomains: [], enqcmdVisible: false };
    touchProc(c, p.id);
  }
  const found = existingHandle(c, dev, pasid, p.id);
  let res: BindResult;
  if (found && 'errno' in found) res = found;
  else if (found) res = kerr('EBUSY', `PASID ${pasid} of group ${dev.group} is already in use`);
  else res = attachSva(c, p, dev, p.iommuMm, pasid, true);
  if (typeof res !== 'number') {
    idaFree(ida, pasid);
    return res;
  }
  pushBond(c, dev, p, c.s.nextHandle - 1);
  return res;
}

/** iommu_sva_unbind_device on the (device, process) handle (R20); the mm's PASID stays (R13). */
export function unbind(c: Ctx, p: ProcState, dev: DeviceState): KErr | null {
  const key = bondKey(dev, p);
  const stack = c.s.bonds.get(key);
  const hid = stack?.pop();
  if (!stack || hid === undefined) return kerr('ENOENT', `${dev.id} has no SVA bond with ${p.id}`);
  if (stack.length === 0) c.s.bonds.delete(key);
  touchBond(c, key);
  const h = c.s.handles.get(hid);
  if (!h) throw new Error(`engine: dangling SVA handle ${hid}`);
  touchHandle(c, h.id); // its users count drops, or it is deleted below
  if (--h.users > 0) return null;
  c.s.handles.delete(h.id);
  // The bond's device is normally the handle's; a handle found through a group mate is not.
  const owner = h.dev === dev.id ? dev : devOf(c, h.dev);
  const dom = domainOf(c, h.domain);
  // iommu_detach_device_pasid(domain, dev, pasid) (R20, R33): since v6.11 it erases the slot whatever
  // it holds (no "!= domain" WARN any more) and hands the drivers the SVA domain as the old one, so a
  // slot that iommu_replace_device_pasid re-tagged, or that was detached and attached again, is
  // detached too. An empty slot (detached directly) is left alone: the drivers would find the PASID
  // blocked already; only an SMMUv3 master with ATS would see its ATC_INV + CMD_SYNC again (not modelled).
  const g = groupOf(c, owner);
  if (g.pasidArray.has(h.pasid)) detachEntry(c, g, h.pasid, dom);
  if (h.driverPasid) {
    const ida = c.s.driverIdas.get(owner.id);
    if (ida) idaFree(ida, h.pasid);
  }
  touchDomainUsers(c, dom.id);
  if (--dom.users === 0) {
    const mm = p.iommuMm;
    if (mm) {
      // list_del: a domain id is added once (at its creation), so removing its one slot is enough.
      const at = mm.svaDomains.indexOf(dom.id);
      if (at >= 0) listDel(mm.svaDomains, at);
      touchProc(c, p.id);
    }
    freeSvaDomain(c, dom);
    maybeDropMm(c, p);
  }
  return null;
}

/**
 * Scenario → codec v1 bytes (before deflate). The layout is documented in layout-v1.ts.
 * The input must be a parsed scenario: every reference resolves, so lookups cannot miss —
 * except domain names, which a step may give before (or without) their domain_alloc.
 */
import { DEFAULT_DOMAIN, DOMAIN_TYPES, STEP_ARGS, type ArgSpec } from '../scenario/parse-steps.ts';
import { POLICIES, STEP_OPS, type Scenario, type Step } from '../scenario/types.ts';
import { ByteWriter } from './bytes.ts';
import { ARCHES, BOOLS, BUSES, CD_TABLES, D, DEFAULT_DOMAINS, FORMAT_V1, H, I, P, S, tri } from './layout-v1.ts';

/** Encodes a parsed scenario as v1 payload bytes. */
export function encodeScenarioV1(s: Scenario): Uint8Array {
  const w = new ByteWriter();
  w.byte(FORMAT_V1);
  w.uint(
    (s.title !== undefined ? H.title : 0) |
      (s.notes !== undefined ? H.notes : 0) |
      (tri(POLICIES, s.policy) << H.policyShift) |
      (tri(ARCHES, s.arch) << H.archShift) |
      (tri(BOOLS, s.enqcmdLike) << H.enqcmdLikeShift)
  );
  if (s.title !== undefined) w.str(s.title);
  if (s.notes !== undefined) w.str(s.notes);

  const iommuIndex = new Map<string, number>();
  w.uint(s.iommus.length);
  for (const [i, m] of s.iommus.entries()) {
    iommuIndex.set(m.id, i);
    w.str(m.id);
    const bits = m.type === 'smmuv3' ? m.ssidBits : m.pasidBits;
    const extra = m.type === 'smmuv3' ? tri(CD_TABLES, m.cdTable) : tri(BOOLS, m.cachingMode);
    w.uint((m.type === 'vtd' ? I.vtd : 0) | (bits !== undefined ? I.bits : 0) | (extra << I.extraShift));
    if (bits !== undefined) w.uint(bits);
  }

  const devIndex = new Map<string, number>();
  const groupIndex = new Map<string, number>();
  w.uint(s.devices.length);
  for (const [i, d] of s.devices.entries()) {
    devIndex.set(d.id, i);
    w.str(d.id);
    w.uint(iommuIndex.get(d.iommu) ?? 0);
    const pasidBits = d.pasidBits === undefined ? 0 : d.pasidBits === null ? 1 : 2;
    const address = d.sid !== undefined || d.bdf !== undefined;
    w.uint(
      (tri(BUSES, d.bus) << D.busShift) |
        (pasidBits << D.pasidBitsShift) |
        (d.group !== undefined ? D.group : 0) |
        (tri(BOOLS, d.enqcmd) << D.enqcmdShift) |
        (tri(BOOLS, d.ats) << D.atsShift) |
        (tri(BOOLS, d.pri) << D.priShift) |
        (address ? D.address : 0) |
        (tri(DEFAULT_DOMAINS, d.defaultDomain) << D.defaultDomainShift)
    );
    if (typeof d.pasidBits === 'number') w.uint(d.pasidBits);
    if (d.group !== undefined) {
      const g = groupIndex.get(d.group);
      if (g !== undefined) w.uint(g);
      else {
        w.uint(groupIndex.size);
        groupIndex.set(d.group, groupIndex.size);
        w.str(d.group);
      }
    }
    if (d.sid !== undefined) w.uint(d.sid);
    else if (d.bdf !== undefined) w.str(d.bdf);
  }

  const procIndex = new Map<string, number>();
  w.uint(s.processes.length);
  for (const p of s.processes) {
    procIndex.set(p.id, procIndex.size);
    w.str(p.id);
    w.uint((p.threads !== undefined ? P.threads : 0) | (tri(BOOLS, p.lam) << P.lamShift));
    if (p.threads !== undefined) w.uint(p.threads);
  }

  const domainIndex = new Map<string, number>([[DEFAULT_DOMAIN, 0]]);
  const refs = { iommuIndex, devIndex, procIndex, domainIndex };
  w.uint(s.steps.length);
  for (const step of s.steps) writeStep(w, step, refs);
  return w.bytes();
}

interface Refs {
  iommuIndex: Map<string, number>;
  devIndex: Map<string, number>;
  procIndex: Map<string, number>;
  domainIndex: Map<string, number>;
}

function writeStep(w: ByteWriter, step: Step, refs: Refs): void {
  // Steps are read generically (by STEP_ARGS) rather than per op: same order as the decoder.
  const args = step as unknown as Readonly<Record<string, unknown>>;
  const specs = STEP_ARGS[step.op];
  let head = STEP_OPS.indexOf(step.op) | (step.note !== undefined ? S.note : 0);
  if (step.op === 'domain_alloc') {
    if (step.pasid !== undefined) head |= S.opt1 | (step.pasid ? S.opt2 : 0);
  } else {
    let bit: number = S.opt1;
    for (const spec of specs) {
      if (!spec.optional) continue;
      if (args[spec.key] !== undefined) head |= bit;
      bit = S.opt2;
    }
  }
  w.byte(head);
  for (const spec of specs) {
    const v = args[spec.key];
    if (v !== undefined) writeArg(w, spec, v, refs);
  }
  if (step.note !== undefined) w.str(step.note);
}

function writeArg(w: ByteWriter, spec: ArgSpec, v: unknown, refs: Refs): void {
  switch (spec.kind) {
    case 'dev':
      return w.uint(refs.devIndex.get(v as string) ?? 0);
    case 'proc':
      return w.uint(refs.procIndex.get(v as string) ?? 0);
    case 'iommu':
      return w.uint(refs.iommuIndex.get(v as string) ?? 0);
    case 'domain': {
      const k = refs.domainIndex.get(v as string);
      if (k !== undefined) return w.uint(k);
      // A name no earlier domain_alloc made (an ENOENT at run time): the escape index, then the name.
      w.uint(refs.domainIndex.size);
      return w.str(v as string);
    }
    case 'pasid':
    case 'thread':
    case 'addr':
      return w.uint(v as number);
    case 'domainType':
      return w.uint(DOMAIN_TYPES.indexOf(v as (typeof DOMAIN_TYPES)[number]));
    case 'bool':
      return; // carried in the head byte
    case 'owner':
      return w.str(v as string);
    case 'newDomain':
      refs.domainIndex.set(v as string, refs.domainIndex.size);
      return w.str(v as string);
    case 'child':
      refs.procIndex.set(v as string, refs.procIndex.size);
      return w.str(v as string);
  }
}

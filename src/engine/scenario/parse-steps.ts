/**
 * Validation of `steps[]` (spec §2). Each op has a fixed argument list (STEP_ARGS, in the
 * spec's order); a step may carry exactly those plus `note`. References resolve against the
 * topology and against fork children of EARLIER steps, so one pass in step order checks
 * everything in O(steps). Domain names are the exception: a domain is made by a step that may
 * fail or come later, and a step naming one that does not exist fails with ENOENT at run time
 * (spec §3), so here a domain name only has to be an id.
 */
import { ScenarioError, keyPath, quote } from './parse-errors.ts';
import {
  type Obj,
  checkKeys,
  expectArray,
  expectObject,
  optBool,
  optText,
  own,
  rebuild,
  reqEnum,
  reqId,
  reqInt,
  reqRef,
  unknownRef,
} from './parse-checks.ts';
import { LIMITS, STEP_OPS, type Step, type StepOp } from './types.ts';

/** What kind of value an argument holds. */
export type ArgKind =
  | 'dev' // device reference
  | 'proc' // process reference (topology or an earlier fork child)
  | 'domain' // "default" or any domain id: unknown ones are ENOENT at run time (spec §3)
  | 'iommu' // IOMMU reference
  | 'pasid' // integer 0..0xFFFFFFFF; the kernel judges the value at run time
  | 'newDomain' // domain_alloc.id: a new domain id
  | 'domainType' // domain_alloc.type
  | 'bool' // domain_alloc.pasid
  | 'owner' // claim_dma_owner.owner: free text
  | 'child' // fork.child: a new process id
  | 'thread' // enqcmd.thread: < the process's thread count
  | 'addr'; // dma.addr: non-negative safe integer

/** One argument of an op. */
export interface ArgSpec {
  readonly key: string;
  readonly kind: ArgKind;
  readonly optional: boolean;
}

const a = (key: string, kind: ArgKind, optional = false): ArgSpec => ({ key, kind, optional });
const DEV = a('dev', 'dev');
const PROC = a('proc', 'proc');
const DOMAIN = a('domain', 'domain');
const PASID = a('pasid', 'pasid');

/** Every op's arguments in the spec's order (the codec relies on this order too). */
export const STEP_ARGS: Readonly<Record<StepOp, readonly ArgSpec[]>> = {
  bind: [DEV, PROC],
  unbind: [DEV, PROC],
  bind_pasid: [DEV, PROC, a('pasid', 'pasid', true)],
  alloc_global_pasid: [DEV],
  free_global_pasid: [PASID],
  domain_alloc: [a('id', 'newDomain'), a('iommu', 'iommu'), a('type', 'domainType'), a('pasid', 'bool', true)],
  attach_dev: [DEV, DOMAIN],
  detach_dev: [DEV, DOMAIN],
  attach_pasid: [DEV, DOMAIN, PASID],
  attach_pasid_any: [DEV, DOMAIN],
  replace_pasid: [DEV, DOMAIN, PASID],
  detach_pasid: [DEV, PASID],
  claim_dma_owner: [DEV, a('owner', 'owner', true)],
  release_dma_owner: [DEV],
  reset_prepare: [DEV],
  reset_done: [DEV],
  exit: [PROC],
  fork: [PROC, a('child', 'child')],
  enqcmd: [PROC, DEV, a('thread', 'thread', true)],
  dma: [DEV, a('pasid', 'pasid', true), a('addr', 'addr', true)],
};

/** The domain name every group has without a domain_alloc step. */
export const DEFAULT_DOMAIN = 'default';
export const DOMAIN_TYPES = ['paging', 'identity', 'blocked'] as const;
export const NOTE_MAX = 2000;
export const OWNER_MAX = 64;
const PASID_MAX = 0xffffffff;

const OPS: ReadonlySet<string> = new Set(STEP_OPS);
const ALLOWED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  STEP_OPS.map((op) => [op, new Set(['op', 'note', ...STEP_ARGS[op].map((x) => x.key)])])
);
/** The unknown-key hint per op, e.g. ` (op "bind" takes dev, proc, note)`. */
const HINTS: ReadonlyMap<string, string> = new Map(
  STEP_OPS.map((op) => [op, ` (op "${op}" takes ${[...STEP_ARGS[op].map((x) => x.key), 'note'].join(', ')})`])
);

/** What the steps may refer to; fork and domain_alloc steps add to it as they are checked. */
export interface StepContext {
  readonly devices: ReadonlySet<string>;
  readonly iommus: ReadonlySet<string>;
  /** Process id → thread count; fork children join with 1 thread (fork copies only the caller). */
  readonly threads: Map<string, number>;
  /** domain_alloc ids so far: each must be new (steps may still name others, see 'domain'). */
  readonly domains: Set<string>;
}

/** Validates every step in order and returns clean copies. */
export function parseSteps(v: unknown, ctx: StepContext): Step[] {
  const arr = expectArray(v, 'steps', LIMITS.steps, 'steps');
  const out: Step[] = [];
  for (let i = 0; i < arr.length; i++) out.push(parseStep(arr[i], `steps[${i}]`, ctx));
  return out;
}

function parseStep(item: unknown, path: string, ctx: StepContext): Step {
  const o = expectObject(item, path);
  const op = own(o, 'op');
  if (op === undefined) throw new ScenarioError(`${path}.op`, 'required');
  if (typeof op !== 'string' || !OPS.has(op)) {
    throw new ScenarioError(`${path}.op`, typeof op === 'string' ? `unknown op ${quote(op)}` : 'expected an op name');
  }
  const allowed = ALLOWED.get(op) ?? new Set<string>();
  checkKeys(o, path, allowed, HINTS.get(op));
  for (const arg of STEP_ARGS[op as StepOp]) {
    if (arg.optional && own(o, arg.key) === undefined) continue;
    checkArg(o, arg, path, ctx);
  }
  optText(o, 'note', path, NOTE_MAX);
  return rebuild(o) as unknown as Step;
}

function checkArg(o: Obj, arg: ArgSpec, path: string, ctx: StepContext): void {
  const { key } = arg;
  // Paths are built only on failure: 100000 steps must not pay for 300000 path strings.
  switch (arg.kind) {
    case 'dev':
      return resolve(reqRef(o, key, path), ctx.devices, path, key, 'device');
    case 'proc':
      return resolve(reqRef(o, key, path), ctx.threads, path, key, 'process');
    case 'iommu':
      return resolve(reqRef(o, key, path), ctx.iommus, path, key, 'IOMMU');
    case 'domain':
      // "default" is an id too. Not resolved: spec §3 makes an unknown domain a step result.
      reqId(o, key, path);
      return;
    case 'pasid':
      reqInt(o, key, path, 0, PASID_MAX, '0-0xFFFFFFFF');
      return;
    case 'addr':
      reqInt(o, key, path, 0, Number.MAX_SAFE_INTEGER, '0-2^53-1');
      return;
    case 'bool':
      optBool(o, key, path);
      return;
    case 'domainType':
      reqEnum(o, key, path, DOMAIN_TYPES);
      return;
    case 'owner': {
      const owner = own(o, key);
      if (typeof owner !== 'string' || owner.length < 1 || owner.length > OWNER_MAX) {
        throw new ScenarioError(keyPath(path, key), `expected a string of 1-${OWNER_MAX} characters`);
      }
      return;
    }
    case 'newDomain': {
      const id = reqId(o, key, path);
      if (id === DEFAULT_DOMAIN)
        throw new ScenarioError(keyPath(path, key), `"${DEFAULT_DOMAIN}" is reserved for the group's default domain`);
      if (ctx.domains.has(id)) throw new ScenarioError(keyPath(path, key), `duplicate domain id ${quote(id)}`);
      ctx.domains.add(id);
      return;
    }
    case 'child': {
      const id = reqId(o, key, path);
      if (ctx.threads.has(id)) throw new ScenarioError(keyPath(path, key), `process ${quote(id)} already exists`);
      if (ctx.threads.size >= LIMITS.processes) {
        throw new ScenarioError(
          keyPath(path, key),
          `too many processes (limit ${LIMITS.processes}, fork children included)`
        );
      }
      ctx.threads.set(id, 1);
      return;
    }
    case 'thread': {
      const t = reqInt(o, key, path, 0, Number.MAX_SAFE_INTEGER, '>= 0');
      const proc = own(o, 'proc') as string; // checked before `thread` (STEP_ARGS order)
      const n = ctx.threads.get(proc) ?? 1;
      if (t >= n)
        throw new ScenarioError(
          keyPath(path, key),
          `process ${quote(proc)} has ${n} thread${n === 1 ? '' : 's'} (0-${n - 1})`
        );
      return;
    }
  }
}

function resolve(
  name: string,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  path: string,
  key: string,
  what: string
): void {
  if (!known.has(name)) throw unknownRef(keyPath(path, key), what, name);
}

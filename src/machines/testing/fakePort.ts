/**
 * A fake SimPort for machine tests: a hand-set model and a worker whose answers the test decides
 * (immediately, or later through `release`), recording every request.
 */
import type { Arch, Policy, Scenario, Step, StepResult } from '../../engine/index.ts';
import type { SimPosition } from '../../protocol/index.ts';
import type { Bond, DeviceView, DomainInfo, GroupView, ModelView, ProcView } from '../modelView.ts';
import type { SimPort } from '../port.ts';

export interface FakeModel extends ModelView {
  policy: Policy;
  topology: { arch: Arch } | null;
  cursor: number;
  length: number;
  globalPasids: number[];
  domains: DomainInfo[];
  log: StepResult[];
  logSteps: Step[];
  devices: Map<string, DeviceView>;
  groups: GroupView[];
  procs: Map<string, ProcView>;
  bonds: Map<string, Bond>;
}

/** A device view with defaults. */
export function device(id: string, over: Partial<DeviceView> = {}): DeviceView {
  return {
    id,
    iommu: 'smmu0',
    group: 0,
    groupId: `g-${id}`,
    bus: 'pci',
    maxPasids: 1 << 20,
    enqcmd: false,
    ats: false,
    pri: false,
    sid: 0,
    bdf: '00:00.0',
    index: 0,
    rid: 'default',
    ridDomain: `dma-${id}`,
    ...over,
  };
}

/** A process view with defaults. */
export function proc(id: string, over: Partial<ProcView> = {}): ProcView {
  return {
    id,
    threads: 1,
    index: 0,
    alive: true,
    mmLive: true,
    lam: false,
    pasid: null,
    mmPasid: null,
    msr: [null],
    ...over,
  };
}

/** A group view with defaults. */
export function group(index: number, id: string, devices: string[], over: Partial<GroupView> = {}): GroupView {
  return { index, id, devices, owner: null, ownerCnt: 0, resetting: 0, pasids: [], ...over };
}

export function fakeModel(): FakeModel {
  const m: FakeModel = {
    policy: 'global',
    topology: { arch: 'arm64' },
    cursor: 0,
    length: 0,
    globalPasids: [],
    domains: [],
    log: [],
    logSteps: [],
    devices: new Map(),
    groups: [],
    procs: new Map(),
    bonds: new Map(),
    domain: (id) => m.domains.find((d) => d.id === id),
    device: (id) => m.devices.get(id),
    groupAt: (i) => m.groups[i],
    groupOf: (id) => {
      const d = m.devices.get(id);
      return d ? m.groups[d.group] : undefined;
    },
    proc: (id) => m.procs.get(id),
    bond: (d, p) => m.bonds.get(`${d}:${p}`),
    bondsOf: (d) =>
      [...m.bonds.entries()].filter(([k]) => k.startsWith(`${d}:`)).map(([k, b]) => [k.slice(d.length + 1), b]),
  };
  return m;
}

type Answer = (step: Step) => StepResult;

export interface FakePort extends SimPort {
  model: FakeModel;
  scenario: Scenario | null;
  /** Every request, in order: steps for insert, and `{ nav }` entries for load/step/seek. */
  calls: (Step | { nav: string; arg: number })[];
  /** How inserts are answered (default: ok). */
  answer: Answer;
  /** When true, requests wait until `release()`. */
  hold: boolean;
  release(): void;
  /** Makes the next request fail as a dead worker would. */
  failNext: string | null;
}

export function fakePort(model = fakeModel()): FakePort {
  const waiting: (() => void)[] = [];
  const gate = async (): Promise<void> => {
    if (port.failNext) {
      const msg = port.failNext;
      port.failNext = null;
      throw new Error(msg);
    }
    if (port.hold) await new Promise<void>((r) => waiting.push(r));
  };
  const pos = (): SimPosition => ({ cursor: model.cursor, length: model.length });
  const port: FakePort = {
    model,
    scenario: null,
    calls: [],
    answer: (step) => ({ i: model.cursor, op: step.op, ok: true }),
    hold: false,
    failNext: null,
    release: () => waiting.splice(0).forEach((r) => r()),
    async load(scenario, policy, cursor) {
      port.calls.push({ nav: `load:${policy}`, arg: cursor });
      await gate();
      port.scenario = scenario;
      model.policy = policy;
      model.length = scenario.steps.length;
      model.cursor = Math.min(cursor, model.length);
      return pos();
    },
    async step(count) {
      port.calls.push({ nav: 'step', arg: count });
      await gate();
      model.cursor = Math.min(model.length, model.cursor + count);
      return pos();
    },
    async seek(cursor) {
      port.calls.push({ nav: 'seek', arg: cursor });
      await gate();
      model.cursor = Math.max(0, Math.min(model.length, cursor));
      return pos();
    },
    async insert(step) {
      port.calls.push(step);
      await gate();
      const result = port.answer(step);
      model.cursor += 1;
      model.length += 1;
      return { result };
    },
  };
  return port;
}

import { describe, expect, it } from 'vitest';
import { ScenarioError, parseScenario } from './parse.ts';
import { validScenario } from './parse.fixture.ts';
import { STEP_ARGS } from './parse-steps.ts';
import { LIMITS, STEP_OPS } from './types.ts';

type S = ReturnType<typeof validScenario>;

/** The fixture with `steps` replaced, broken, expecting exactly `message`. */
function fails(steps: Record<string, unknown>[], message: string, tweak?: (s: S) => void): void {
  const s = validScenario();
  s.steps = steps;
  tweak?.(s);
  let error: unknown;
  try {
    parseScenario(s);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ScenarioError);
  expect((error as ScenarioError).message).toBe(message);
}

function passes(steps: Record<string, unknown>[], tweak?: (s: S) => void): void {
  const s = validScenario();
  s.steps = steps;
  tweak?.(s);
  expect(parseScenario(s).steps).toEqual(steps);
}

const bind = { op: 'bind', dev: 'accel0', proc: 'P1' };

describe('parseScenario: steps[] shape', () => {
  it('checks the element and its op', () => {
    fails([bind, 'bind' as never], 'steps[1]: expected an object');
    fails([{ dev: 'accel0', proc: 'P1' }], 'steps[0].op: required');
    fails([{ op: 'binf', dev: 'accel0' }], 'steps[0].op: unknown op "binf"');
    fails([{ op: 3 }], 'steps[0].op: expected an op name');
  });
  it('reports the spec example exactly', () => {
    fails([bind, bind, bind, { op: 'bind', dev: 'acel0', proc: 'P1' }], 'steps[3].dev: unknown device "acel0"');
  });
  it('allows only the args of the op plus note, and lists them', () => {
    fails([{ ...bind, pasid: 1 }], 'steps[0].pasid: unknown key (op "bind" takes dev, proc, note)');
    fails(
      [{ op: 'free_global_pasid', pasid: 1, dev: 'accel0' }],
      'steps[0].dev: unknown key (op "free_global_pasid" takes pasid, note)'
    );
    fails([{ op: 'exit', proc: 'P1', child: 'P9' }], 'steps[0].child: unknown key (op "exit" takes proc, note)');
  });
  it('requires every non-optional arg, in the spec order', () => {
    for (const op of STEP_OPS) {
      const required = STEP_ARGS[op].filter((a) => !a.optional);
      if (required.length === 0) continue;
      fails([{ op }], `steps[0].${required[0]!.key}: required`);
    }
  });
  it('checks note length', () => {
    fails([{ ...bind, note: 'x'.repeat(2001) }], 'steps[0].note: longer than 2000 characters (2001)');
    fails([{ ...bind, note: 1 }], 'steps[0].note: expected a string');
    passes([{ ...bind, note: 'é🙂\n'.repeat(500) }]);
  });
  it('accepts every op with every optional arg', () => {
    passes([
      { op: 'bind', dev: 'accel0', proc: 'P1' },
      { op: 'unbind', dev: 'accel0', proc: 'P1' },
      { op: 'bind_pasid', dev: 'accel0', proc: 'P1' },
      { op: 'bind_pasid', dev: 'accel0', proc: 'P1', pasid: 2 },
      { op: 'alloc_global_pasid', dev: 'dsa0' },
      { op: 'free_global_pasid', pasid: 1 },
      { op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging' },
      { op: 'domain_alloc', id: 'd2', iommu: 'vtd0', type: 'identity', pasid: false },
      { op: 'domain_alloc', id: 'd3', iommu: 'vtd0', type: 'blocked', pasid: true },
      { op: 'attach_dev', dev: 'nic0', domain: 'd1' },
      { op: 'detach_dev', dev: 'nic0', domain: 'd1' },
      { op: 'attach_pasid', dev: 'dsa0', domain: 'default', pasid: 3 },
      { op: 'attach_pasid_any', dev: 'dsa0', domain: 'd2' },
      { op: 'replace_pasid', dev: 'dsa0', domain: 'd3', pasid: 3 },
      { op: 'detach_pasid', dev: 'dsa0', pasid: 3 },
      { op: 'claim_dma_owner', dev: 'nic0' },
      { op: 'claim_dma_owner', dev: 'nic0', owner: 'vfio' },
      { op: 'release_dma_owner', dev: 'nic0' },
      { op: 'reset_prepare', dev: 'nic0' },
      { op: 'reset_done', dev: 'nic0' },
      { op: 'fork', proc: 'P2', child: 'P3' },
      { op: 'exit', proc: 'P3' },
      { op: 'enqcmd', proc: 'P2', dev: 'dsa0' },
      { op: 'enqcmd', proc: 'P2', dev: 'dsa0', thread: 1 },
      { op: 'dma', dev: 'dsa0' },
      { op: 'dma', dev: 'dsa0', pasid: 3, addr: 2 ** 53 - 1 },
      { op: 'dma', dev: 'dsa0', addr: 0 },
    ]);
  });
});

describe('parseScenario: step references', () => {
  it('resolves dev, proc and iommu', () => {
    fails([{ ...bind, dev: 7 }], 'steps[0].dev: expected a string');
    fails([{ ...bind, proc: 'P9' }], 'steps[0].proc: unknown process "P9"');
    fails([{ op: 'domain_alloc', id: 'd', iommu: 'amd0', type: 'paging' }], 'steps[0].iommu: unknown IOMMU "amd0"');
  });
  it('knows fork children only from the fork on', () => {
    fails(
      [
        { ...bind, proc: 'P3' },
        { op: 'fork', proc: 'P1', child: 'P3' },
      ],
      'steps[0].proc: unknown process "P3"'
    );
    passes([
      { op: 'fork', proc: 'P1', child: 'P3' },
      { op: 'fork', proc: 'P3', child: 'P4' },
      { ...bind, proc: 'P4' },
    ]);
  });
  it('wants a fork child to be a new, valid process id', () => {
    fails([{ op: 'fork', proc: 'P1', child: 'P2' }], 'steps[0].child: process "P2" already exists');
    fails(
      [
        { op: 'fork', proc: 'P1', child: 'P3' },
        { op: 'fork', proc: 'P1', child: 'P3' },
      ],
      'steps[1].child: process "P3" already exists'
    );
    fails(
      [{ op: 'fork', proc: 'P1', child: 'P 3' }],
      'steps[0].child: expected an id (1-32 characters of A-Z a-z 0-9 _ . -)'
    );
  });
  it('counts fork children against the process limit', () => {
    const processes = Array.from({ length: LIMITS.processes }, (_, i) => ({ id: `p${i}` }));
    const fork = { op: 'fork', proc: 'p0', child: 'extra' };
    fails(
      [fork],
      'steps[0].child: too many processes (limit 65536, fork children included)',
      (s) => (s.processes = processes)
    );
    passes([fork], (s) => (s.processes = processes.slice(0, -1)));
  });
  it('takes any domain id: naming one that does not exist is an ENOENT result, not invalid (spec §3)', () => {
    const alloc = { op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging' };
    passes([{ op: 'attach_dev', dev: 'nic0', domain: 'd1' }, alloc]);
    passes([
      { op: 'attach_dev', dev: 'nic0', domain: 'nope' },
      { op: 'detach_dev', dev: 'nic0', domain: 'nope' },
      { op: 'attach_pasid', dev: 'dsa0', domain: 'nope', pasid: 3 },
      { op: 'attach_pasid_any', dev: 'dsa0', domain: 'nope' },
      { op: 'replace_pasid', dev: 'dsa0', domain: 'nope', pasid: 3 },
    ]);
    const idProblem = 'expected an id (1-32 characters of A-Z a-z 0-9 _ . -)';
    fails([{ op: 'attach_dev', dev: 'nic0', domain: 'no pe' }], `steps[0].domain: ${idProblem}`);
    fails([{ op: 'attach_dev', dev: 'nic0', domain: 3 }], `steps[0].domain: ${idProblem}`);
    fails([{ op: 'attach_dev', dev: 'nic0' }], 'steps[0].domain: required');
  });
  it('checks domain_alloc: a new id (not "default"), a type, an optional pasid flag', () => {
    const alloc = { op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging' };
    fails([alloc, { ...alloc }], 'steps[1].id: duplicate domain id "d1"');
    fails([{ ...alloc, id: 'default' }], 'steps[0].id: "default" is reserved for the group\'s default domain');
    fails([{ ...alloc, type: 'dma' }], 'steps[0].type: expected one of "paging", "identity", "blocked"');
    fails([{ ...alloc, pasid: 'yes' }], 'steps[0].pasid: expected true or false');
    fails([{ ...alloc, id: '' }], 'steps[0].id: expected an id (1-32 characters of A-Z a-z 0-9 _ . -)');
    passes([
      { op: 'attach_dev', dev: 'nic0', domain: 'default' },
      alloc,
      { op: 'detach_dev', dev: 'nic0', domain: 'd1' },
    ]);
  });
  it('shares one namespace between processes and fork children, separate from domains', () => {
    passes([
      { op: 'domain_alloc', id: 'P1', iommu: 'smmu0', type: 'paging' },
      { op: 'fork', proc: 'P1', child: 'd1' },
    ]);
  });
});

describe('parseScenario: step numbers', () => {
  it('takes any pasid in 0..0xFFFFFFFF (the kernel judges it at run time)', () => {
    const problem = 'expected an integer 0-0xFFFFFFFF';
    for (const v of [-1, 2 ** 32, 1.5, '3', null]) {
      fails([{ op: 'free_global_pasid', pasid: v }], `steps[0].pasid: ${problem}`);
      fails([{ op: 'dma', dev: 'dsa0', pasid: v }], `steps[0].pasid: ${problem}`);
    }
    passes([
      { op: 'free_global_pasid', pasid: 0 },
      { op: 'detach_pasid', dev: 'dsa0', pasid: 0xffffffff },
    ]);
  });
  it('bounds thread by the process thread count (fork children have one)', () => {
    fails([{ op: 'enqcmd', proc: 'P1', dev: 'dsa0', thread: 1 }], 'steps[0].thread: process "P1" has 1 thread (0-0)');
    fails([{ op: 'enqcmd', proc: 'P2', dev: 'dsa0', thread: 2 }], 'steps[0].thread: process "P2" has 2 threads (0-1)');
    fails([{ op: 'enqcmd', proc: 'P2', dev: 'dsa0', thread: -1 }], 'steps[0].thread: expected an integer >= 0');
    fails(
      [
        { op: 'fork', proc: 'P2', child: 'C' },
        { op: 'enqcmd', proc: 'C', dev: 'dsa0', thread: 1 },
      ],
      'steps[1].thread: process "C" has 1 thread (0-0)'
    );
  });
  it('takes addr as a non-negative safe integer', () => {
    for (const v of [-1, 2 ** 53, 0.5, '0x1000'])
      fails([{ op: 'dma', dev: 'dsa0', addr: v }], 'steps[0].addr: expected an integer 0-2^53-1');
  });
  it('takes owner as 1-64 characters', () => {
    for (const v of ['', 'x'.repeat(65), 3])
      fails([{ op: 'claim_dma_owner', dev: 'nic0', owner: v }], 'steps[0].owner: expected a string of 1-64 characters');
  });
});

describe('parseScenario: scale', () => {
  it('validates a scenario at the 100000-step limit (its speed is the bench, not a test)', () => {
    const s = validScenario();
    s.processes = [{ id: 'P1', threads: 8 }];
    s.steps = Array.from({ length: LIMITS.steps }, (_, i) =>
      i % 2 === 0
        ? { op: 'enqcmd', proc: 'P1', dev: 'accel0', thread: i % 8, note: 'n' }
        : { op: 'fork', proc: 'P1', child: `c${i}` }
    );
    expect(parseScenario(s).steps).toHaveLength(LIMITS.steps);
  });
});

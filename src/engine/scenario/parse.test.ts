import { describe, expect, it } from 'vitest';
import { ScenarioError, parseScenario, parseScenarioJson } from './parse.ts';
import { validScenario } from './parse.fixture.ts';

type S = ReturnType<typeof validScenario>;

/** Breaks a copy of the valid fixture and expects a ScenarioError with exactly `message`. */
function fails(mutate: (s: S) => void, message: string): void {
  const s = validScenario();
  mutate(s);
  let error: unknown;
  try {
    parseScenario(s);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ScenarioError);
  expect((error as ScenarioError).message).toBe(message);
  expect((error as ScenarioError).path).toBe(message.slice(0, message.indexOf(': ')));
}

const ID_PROBLEM = 'expected an id (1-32 characters of A-Z a-z 0-9 _ . -)';

describe('parseScenario: clean output', () => {
  it('accepts the fixture and returns an equal, fresh object in the same key order', () => {
    const s = validScenario();
    const out = parseScenario(s);
    expect(out).toEqual(s);
    expect(out).not.toBe(s);
    expect(out.devices[0]).not.toBe(s.devices[0]);
    expect(out.steps[0]).not.toBe(s.steps[0]);
    expect(JSON.stringify(out)).toBe(JSON.stringify(s));
  });
  it('fills no defaults', () => {
    const s = { format: 'pasid-sandbox/1', iommus: [], devices: [], processes: [], steps: [] };
    expect(JSON.stringify(parseScenario(s))).toBe(JSON.stringify(s));
  });
  it('ignores inherited properties', () => {
    const s = Object.create(validScenario()) as object;
    expect(() => parseScenario(s)).toThrow('format: expected "pasid-sandbox/1"');
  });
  it('drops keys whose value is undefined and turns -0 into 0', () => {
    const s = validScenario();
    s.title = undefined;
    s.steps.push({ op: 'free_global_pasid', pasid: -0 });
    const out = parseScenario(s);
    expect('title' in out).toBe(false);
    expect(Object.is((out.steps.at(-1) as { pasid: number }).pasid, 0)).toBe(true);
  });
});

describe('parseScenario: top level', () => {
  it.each([null, [], 5, 'x', undefined])('rejects a non-object root %j', (v) => {
    expect(() => parseScenario(v)).toThrow('(root): expected an object');
  });
  it('requires the exact format', () => {
    fails((s) => delete s.format, 'format: expected "pasid-sandbox/1"');
    fails((s) => (s.format = 'pasid-sandbox/2'), 'format: expected "pasid-sandbox/1"');
  });
  it('rejects unknown keys, quoting odd ones on one line', () => {
    fails((s) => (s.extra = 1), 'extra: unknown key');
    fails((s) => (s['a b\nc'] = 1), '["a b\\nc"]: unknown key');
  });
  it.each(['__proto__', 'constructor', 'prototype'])('rejects the forbidden key %s anywhere', (key) => {
    const json = (where: string) => {
      const s = validScenario();
      return JSON.stringify(s).replace(where, `{"${key}":{"polluted":true},${where.slice(1)}`);
    };
    expect(() => parseScenarioJson(json('{"format"'))).toThrow(`${key}: forbidden key`);
    expect(() => parseScenarioJson(json('{"id":"smmu0"'))).toThrow(`iommus[0].${key}: forbidden key`);
    expect(() => parseScenarioJson(json('{"id":"nic0"'))).toThrow(`devices[1].${key}: forbidden key`);
    expect(() => parseScenarioJson(json('{"id":"P1"'))).toThrow(`processes[0].${key}: forbidden key`);
    expect(() => parseScenarioJson(json('{"op":"fork"'))).toThrow(`steps[1].${key}: forbidden key`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('checks title, notes, policy, arch and enqcmdLike', () => {
    fails((s) => (s.title = 3), 'title: expected a string');
    fails((s) => (s.title = 'x'.repeat(201)), 'title: longer than 200 characters (201)');
    fails((s) => (s.notes = 'x'.repeat(20001)), 'notes: longer than 20000 characters (20001)');
    fails(
      (s) => (s.policy = 'perdevice'),
      'policy: expected one of "global", "per-device-cap", "arch-gated", "driver-managed"'
    );
    fails((s) => (s.arch = 'riscv'), 'arch: expected one of "x86", "arm64"');
    fails((s) => (s.enqcmdLike = 'yes'), 'enqcmdLike: expected true or false');
  });
  it('accepts the longest title and notes', () => {
    const s = validScenario();
    s.title = 'x'.repeat(200);
    s.notes = 'y'.repeat(20000);
    expect(() => parseScenario(s)).not.toThrow();
  });
  it('requires the four arrays', () => {
    const loose = (s: S) => s as Record<string, unknown>;
    fails((s) => delete loose(s).iommus, 'iommus: required');
    fails((s) => (loose(s).devices = {}), 'devices: expected an array');
    fails((s) => (loose(s).processes = 'P1'), 'processes: expected an array');
    fails((s) => delete loose(s).steps, 'steps: required');
  });
  it('checks every limit before looking at a single element', () => {
    // Holes: iterating them would fail differently ("expected an object"), so the limit came first.
    fails((s) => (s.iommus = new Array<Record<string, unknown>>(65)), 'iommus: too many IOMMUs (65 > 64)');
    fails((s) => (s.devices = new Array<Record<string, unknown>>(4097)), 'devices: too many devices (4097 > 4096)');
    fails(
      (s) => (s.processes = new Array<Record<string, unknown>>(65537)),
      'processes: too many processes (65537 > 65536)'
    );
    fails((s) => (s.steps = new Array<Record<string, unknown>>(100_001)), 'steps: too many steps (100001 > 100000)');
    fails(
      (s) => (s.steps = new Array<Record<string, unknown>>(50_000_000)),
      'steps: too many steps (50000000 > 100000)'
    );
  });
});

describe('parseScenarioJson', () => {
  it('reports syntax errors on one line under (json)', () => {
    try {
      parseScenarioJson('{\n  "format": "pasid-sandbox/1",\n  oops\n}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).path).toBe('(json)');
      expect((e as ScenarioError).message).toMatch(/^\(json\): \S.*$/);
    }
  });
  it('escapes terminal controls that JSON.parse quotes from the input (no escape sequence reaches a terminal)', () => {
    for (const text of ['\u001b[2J\u001b]0;pwned\u0007', 'x\u000by\u000cz\u0085w', '\u202eevil', '\u009b31m']) {
      const message = (() => {
        try {
          parseScenarioJson(text);
        } catch (e) {
          return (e as ScenarioError).message;
        }
        return '';
      })();
      expect(message).toMatch(/^\(json\): /);
      // Printable ASCII and ordinary text only: no C0/C1 control, DEL, line separator or bidi override.
      // eslint-disable-next-line no-control-regex -- the characters that must not get through
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    }
  });
  it('ignores a leading byte-order mark', () => {
    expect(parseScenarioJson(`\uFEFF${JSON.stringify(validScenario())}`)).toEqual(validScenario());
  });
});

describe('parseScenario: iommus[]', () => {
  it('checks shape, id and type', () => {
    fails((s) => (s.iommus[0] = 'smmu0' as never), 'iommus[0]: expected an object');
    fails((s) => (s.iommus[0]!.foo = 1), 'iommus[0].foo: unknown key');
    fails((s) => delete s.iommus[0]!.id, 'iommus[0].id: required');
    fails((s) => (s.iommus[0]!.id = ''), `iommus[0].id: ${ID_PROBLEM}`);
    fails((s) => (s.iommus[0]!.id = 'x'.repeat(33)), `iommus[0].id: ${ID_PROBLEM}`);
    fails((s) => (s.iommus[0]!.id = 'smmu 0'), `iommus[0].id: ${ID_PROBLEM}`);
    fails((s) => (s.iommus[1]!.id = 'smmu0'), 'iommus[1].id: duplicate IOMMU id "smmu0"');
    fails((s) => delete s.iommus[0]!.type, 'iommus[0].type: required');
    fails((s) => (s.iommus[0]!.type = 'amd'), 'iommus[0].type: expected one of "smmuv3", "vtd"');
  });
  it('accepts ids at the edges of the alphabet and length', () => {
    const s = validScenario();
    s.iommus[0]!.id = 'A-z_0.9'.padEnd(32, '-');
    s.devices[0]!.iommu = s.iommus[0]!.id;
    s.devices[1]!.iommu = s.iommus[0]!.id;
    expect(() => parseScenario(s)).not.toThrow();
  });
  it('checks widths and the kind-specific keys', () => {
    for (const v of [21, -1, 1.5, '20'])
      fails((s) => (s.iommus[0]!.ssidBits = v), 'iommus[0].ssidBits: expected an integer 0-20');
    fails((s) => (s.iommus[1]!.pasidBits = 21), 'iommus[1].pasidBits: expected an integer 0-20');
    fails((s) => (s.iommus[0]!.cdTable = 'flat'), 'iommus[0].cdTable: expected one of "auto", "linear", "2lvl"');
    fails((s) => (s.iommus[1]!.cachingMode = 1), 'iommus[1].cachingMode: expected true or false');
    fails(
      (s) => (s.iommus[0]!.pasidBits = 20),
      'iommus[0].pasidBits: only for vtd IOMMUs (this one is smmuv3; use ssidBits)'
    );
    fails((s) => (s.iommus[0]!.cachingMode = true), 'iommus[0].cachingMode: only for vtd IOMMUs (this one is smmuv3)');
    fails(
      (s) => (s.iommus[1]!.ssidBits = 20),
      'iommus[1].ssidBits: only for smmuv3 IOMMUs (this one is vtd; use pasidBits)'
    );
    fails((s) => (s.iommus[1]!.cdTable = 'auto'), 'iommus[1].cdTable: only for smmuv3 IOMMUs (this one is vtd)');
  });
});

describe('parseScenario: devices[]', () => {
  it('checks id, iommu and the enums', () => {
    fails((s) => (s.devices[1]!.id = 'accel0'), 'devices[1].id: duplicate device id "accel0"');
    fails((s) => delete s.devices[0]!.iommu, 'devices[0].iommu: required');
    fails((s) => (s.devices[0]!.iommu = 'smmu9'), 'devices[0].iommu: unknown IOMMU "smmu9"');
    fails((s) => (s.devices[0]!.iommu = 7), 'devices[0].iommu: expected a string');
    fails((s) => (s.devices[0]!.bus = 'usb'), 'devices[0].bus: expected one of "pci", "platform"');
    fails((s) => (s.devices[0]!.defaultDomain = 'none'), 'devices[0].defaultDomain: expected one of "dma", "identity"');
    for (const k of ['enqcmd', 'ats', 'pri'])
      fails((s) => (s.devices[0]![k] = 0), `devices[0].${k}: expected true or false`);
    fails((s) => (s.devices[0]!.mmio = 1), 'devices[0].mmio: unknown key');
  });
  it('takes pasidBits null or 0-20', () => {
    for (const v of [21, -1, 2.5, '2', true])
      fails((s) => (s.devices[0]!.pasidBits = v), 'devices[0].pasidBits: expected an integer 0-20 or null');
    const s = validScenario();
    s.devices[0]!.pasidBits = 0;
    s.devices[2]!.pasidBits = null;
    expect(() => parseScenario(s)).not.toThrow();
  });
  it('checks sid: range, only behind SMMUv3, unique per IOMMU', () => {
    for (const v of [-1, 2 ** 32, 1.5])
      fails((s) => (s.devices[0]!.sid = v), 'devices[0].sid: expected an integer 0-4294967295');
    fails((s) => (s.devices[1]!.sid = 16), 'devices[1].sid: stream ID 16 already used on IOMMU "smmu0"');
    fails(
      (s) => (s.devices[2]!.sid = 1),
      'devices[2].sid: only for devices behind an smmuv3 IOMMU ("vtd0" is vtd; use bdf)'
    );
    const s = validScenario();
    s.devices[1]!.sid = 2 ** 32 - 1;
    s.iommus.push({ id: 'smmu1', type: 'smmuv3' });
    s.devices.push({ id: 'other', iommu: 'smmu1', sid: 16 });
    expect(() => parseScenario(s)).not.toThrow();
  });
  it('checks bdf: shape, only behind VT-d, unique per IOMMU ignoring case', () => {
    const bad = 'devices[2].bdf: expected "bb:dd.f" (hex bus, device 00-1f, function 0-7)';
    for (const v of ['00:20.0', '00:02.8', '0:02.0', '00:02', 'gg:00.0', 2]) fails((s) => (s.devices[2]!.bdf = v), bad);
    fails(
      (s) => (s.devices[0]!.bdf = '00:01.0'),
      'devices[0].bdf: only for devices behind a vtd IOMMU ("smmu0" is smmuv3; use sid)'
    );
    fails(
      (s) => s.devices.push({ id: 'dsa1', iommu: 'vtd0', bdf: '00:02.0' }),
      'devices[3].bdf: "00:02.0" already used on IOMMU "vtd0"'
    );
    fails((s) => {
      s.devices[2]!.bdf = 'ab:1f.7';
      s.devices.push({ id: 'dsa1', iommu: 'vtd0', bdf: 'AB:1F.7' });
    }, 'devices[3].bdf: "AB:1F.7" already used on IOMMU "vtd0"');
  });
  it('keeps a group behind one IOMMU with one stated default domain', () => {
    fails((s) => (s.devices[1]!.group = 'g 0'), `devices[1].group: ${ID_PROBLEM}`);
    fails((s) => (s.devices[2]!.group = 'g0'), 'devices[2].group: group "g0" already has devices behind IOMMU "smmu0"');
    fails(
      (s) => s.devices.push({ id: 'x', iommu: 'smmu0', group: 'g0', defaultDomain: 'identity' }),
      'devices[3].defaultDomain: group "g0" already has defaultDomain "dma"'
    );
    const s = validScenario();
    s.devices.push(
      { id: 'x', iommu: 'smmu0', group: 'g0' },
      { id: 'y', iommu: 'smmu0', group: 'g0', defaultDomain: 'dma' }
    );
    expect(() => parseScenario(s)).not.toThrow();
  });
});

describe('parseScenario: processes[]', () => {
  it('checks id, threads and lam', () => {
    fails((s) => (s.processes[1]!.id = 'P1'), 'processes[1].id: duplicate process id "P1"');
    fails((s) => (s.processes[0] = null as never), 'processes[0]: expected an object');
    for (const v of [0, 9, 1.5, '2'])
      fails((s) => (s.processes[0]!.threads = v), 'processes[0].threads: expected an integer 1-8');
    fails((s) => (s.processes[0]!.lam = 'no'), 'processes[0].lam: expected true or false');
    fails((s) => (s.processes[0]!.mm = 1), 'processes[0].mm: unknown key');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, parseScenarioText, scenarioFromUrl } from './scenarios.ts';

const dir = new URL('../../public/scenarios/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as {
  scenarios: { file: string; title: string }[];
};

describe('public/scenarios/index.json', () => {
  it('lists the RFC problem first', () => {
    expect(index.scenarios[0]?.file).toBe(DEFAULT_SCENARIO);
  });

  it('lists every scenario file, each with its own title, and each parses', () => {
    const files = readdirSync(dir).filter(
      (f) => f.endsWith('.json') && f !== 'index.json' && !f.includes('.expect.') && !f.includes('.trace.')
    );
    expect(index.scenarios.map((e) => e.file).sort(), 'add new scenarios to public/scenarios/index.json').toEqual(
      files.sort()
    );
    for (const e of index.scenarios) {
      const s = parseScenarioText(readFileSync(new URL(e.file, dir), 'utf8'));
      expect(e.title, e.file).toBe(s.title);
    }
  });
});

const minimal = {
  format: 'pasid-sandbox/1',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [],
  processes: [],
  steps: [],
};

describe('parseScenarioText()', () => {
  it('names the JSON problem in one line', () => {
    expect(() => parseScenarioText('{ "format": ')).toThrow(/^\(json\): not valid JSON/);
  });

  it('writes control characters of a binary file as escapes, and ignores a BOM', () => {
    let message = '';
    try {
      parseScenarioText('\u0000\u001b[2J\u0007garbage');
    } catch (e) {
      message = e instanceof Error ? e.message : '';
    }
    expect(message).toMatch(/^\(json\): not valid JSON/);
    expect([...message].filter((ch) => ch.charCodeAt(0) < 0x20)).toStrictEqual([]);
    expect(message).toContain('\\u001b');
    expect(parseScenarioText(`\uFEFF${JSON.stringify(minimal)}`).format).toBe('pasid-sandbox/1');
  });
});

describe('scenarioFromUrl()', () => {
  it('reads ?scenario= with or without .json, defaulting to the RFC problem', () => {
    expect(scenarioFromUrl('')).toBe(DEFAULT_SCENARIO);
    expect(scenarioFromUrl('?scenario=dsa-iaa')).toBe('dsa-iaa.json');
    expect(scenarioFromUrl('?e2e&scenario=x.json')).toBe('x.json');
  });
});

/**
 * `npm run bench`: runs the workloads of bench/workloads/index.ts and prints one markdown table.
 * A benchmark, not a test: a missed target prints ✗ and still exits 0; only a workload that
 * throws (a broken assertion or a crash) makes the exit code 1.
 *
 * Usage: npm run bench [-- --only NAME]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchRow } from './types.ts';
import { workloads } from './workloads/index.ts';

const COLUMNS = ['workload', 'measure', 'value', 'target', 'ok'] as const;

function okMark(ok: boolean | null): string {
  if (ok === null) return '–';
  return ok ? '✓' : '✗';
}

/** Escapes a table cell so a `|` in a value cannot break the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function formatTable(rows: BenchRow[]): string {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const r of rows) {
    lines.push(`| ${[r.workload, r.measure, r.value, r.target].map(cell).join(' | ')} | ${okMark(r.ok)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const selected = values.only === undefined ? workloads : workloads.filter((w) => w.name === values.only);
  if (selected.length === 0) {
    console.error(`Unknown workload "${values.only}". Known: ${workloads.map((w) => w.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }

  console.log(`Node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} · ${cpus().length} CPUs\n`);
  const rows: BenchRow[] = [];
  for (const w of selected) {
    try {
      rows.push(...(await w.run()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rows.push({ workload: w.name, measure: 'error', value: message, target: 'runs', ok: false });
      process.exitCode = 1;
    }
  }
  console.log(formatTable(rows));
}

await main();

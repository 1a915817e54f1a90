/** One line of the benchmark table. */
export interface BenchRow {
  /** Workload name, e.g. "W3 ida". */
  workload: string;
  /** What was measured, e.g. "time (median of 3)". */
  measure: string;
  /** Formatted value with its unit. */
  value: string;
  /** Formatted target, e.g. "≤ 0.3 s"; "" when informational. */
  target: string;
  /** Whether the target was met; null when the row has no target. */
  ok: boolean | null;
}

/** A benchmark workload: one module in bench/workloads, listed in bench/workloads/index.ts. */
export interface Workload {
  /** Short name used by `--only`, e.g. "W3". */
  name: string;
  /** Runs the workload and returns its rows. May throw; main reports the error as a failed row. */
  run(): Promise<BenchRow[]>;
}

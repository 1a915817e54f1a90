import type { StepResult } from '../../engine/index.ts';

/** A kernel result in one line: "ok · PASID 3", "ENOSPC", "fault C_BAD_CD". */
export function resultSummary(r: StepResult): string {
  if (r.ok) {
    const parts = ['ok'];
    if (r.pasid !== undefined) parts.push(`PASID ${r.pasid}`);
    if (r.via !== undefined) parts.push(r.via);
    return parts.join(' · ');
  }
  if (r.fault !== undefined) return `fault ${r.fault}`;
  return r.errno ?? 'failed';
}

/** A result badge: green for ok, red with the errno or fault otherwise. */
export function ResultBadge({ result }: { result: StepResult }) {
  if (result.ok) {
    return <span className="badge badge-ok">ok{result.pasid !== undefined ? <> · PASID {result.pasid}</> : null}</span>;
  }
  return <span className="badge badge-err">{result.fault ?? result.errno ?? 'failed'}</span>;
}

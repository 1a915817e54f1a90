/**
 * "Compare with: all four policies": the scenario under every policy at once, stepping in
 * lockstep with the sandbox. One row per step (the A/B table's window around the cursor and its
 * marks), one column per policy in spec order with the running one marked, each cell that differs
 * from the running policy's marked "≠" in words, and every policy's state after the current step.
 */
import type { Policy, Step } from '../../engine/index.ts';
import { POLICIES } from '../../engine/index.ts';
import { useSandbox, useScenario } from '../../hooks/index.ts';
import { notInKernel, resultsDiffer } from '../../share/analysis.ts';
import type { PolicyRuns } from '../../share/analysis.ts';
import { selectCursor, useFrame } from '../../store/index.ts';
import { useShare } from '../Share/useShare.ts';
import { stepText } from '../common/stepText.ts';
import { DiffersSummary, Mark, Verdict, MarkHeader } from './abCells.tsx';
import { AROUND, abWindow, windowLabel, rowClass } from './abRows.ts';
import { DiffersFrom, PolicyStateTable } from './PolicyStateTable.tsx';

/**
 * Talk mode (`compact`): the matrix shares the screen with the views, so it shows fewer steps
 * each side of the current one, and each step by its number only (the footer shows the current
 * step in full; a step's text stays in the cell for screen readers and as its tooltip).
 */
const COMPACT_AROUND = 3;

export function PolicyMatrix({ compact }: { compact: boolean }) {
  const sb = useSandbox();
  const scenario = useScenario();
  const cursor = useFrame(selectCursor);
  const runs = useShare((s) => s.ab);
  const at = useShare((s) => s.at);
  // Runs of an A/B comparison chosen just before are not the matrix's: wait for every policy's.
  if (!runs || !scenario || runs.policies.length !== POLICIES.length) {
    return <p className="muted">Running all four policies…</p>;
  }
  const running = runs.policies.indexOf(runs.running);
  return (
    <>
      <p data-testid="pm-summary">
        <strong>{runs.policies.length} policies</strong> (running: {runs.running}):{' '}
        <DiffersSummary
          differs={runs.differs}
          total={scenario.steps.length}
          onJump={(n) => sb.root.send({ type: 'sim.seek', cursor: n })}
        />
      </p>
      <MatrixSteps steps={scenario.steps} runs={runs} cursor={cursor} compact={compact} />
      {at && at.cursor === cursor && at.finals.length === runs.policies.length ? (
        <div className="pm-scroll" role="region" aria-label="State after this step, every policy" tabIndex={0}>
          <PolicyStateTable
            headers={runs.policies.map((p) => (
              <PolicyHeader key={p} policy={p} running={p === runs.running} />
            ))}
            finals={at.finals}
            against={{ index: running, policy: runs.running }}
          />
        </div>
      ) : null}
    </>
  );
}

/** Which kernel each column is, for a reader who does not know the policy ids (spec §1.1, the thread). */
const POLICY_ORIGIN: Record<Policy, string> = {
  global: 'mainline',
  'per-device-cap': 'the RFC patch',
  'arch-gated': 'reviewer, no patch',
  'driver-managed': 'proposed, no patch',
};

function PolicyHeader({ policy, running }: { policy: Policy; running: boolean }) {
  return (
    <>
      {policy}
      {running ? <span className="pm-running"> (running)</span> : null}{' '}
      <span className="pm-origin">· {POLICY_ORIGIN[policy]}</span>
    </>
  );
}

function MatrixSteps({
  steps,
  runs,
  cursor,
  compact,
}: {
  steps: Step[];
  runs: PolicyRuns;
  cursor: number;
  compact: boolean;
}) {
  const w = abWindow(steps.length, cursor, runs.differs, compact ? COMPACT_AROUND : AROUND);
  const running = runs.policies.indexOf(runs.running);
  return (
    // A narrow screen scrolls the matrix sideways rather than squeezing six columns.
    <div className="pm-scroll" role="region" aria-label="Results under every policy" tabIndex={0}>
      <table className="ab-table pm-table" data-testid="pm-table">
        <caption className="ab-window" data-testid="pm-window">
          {windowLabel(w)}
        </caption>
        <thead>
          <tr>
            {compact ? (
              <th scope="col">Step</th>
            ) : (
              <>
                <th scope="col">#</th>
                <th scope="col">Step</th>
              </>
            )}
            {runs.policies.map((p) => (
              <th
                key={p}
                scope="col"
                data-testid={`pm-col-${p}`}
                className={p === runs.running ? 'pm-running-col' : undefined}
              >
                <PolicyHeader policy={p} running={p === runs.running} />
              </th>
            ))}
            <MarkHeader />
          </tr>
        </thead>
        <tbody>
          {w.rows.map(({ i, done, current, mark }) => {
            const step = steps[i];
            const base = runs.results[running]?.[i];
            return (
              <tr
                key={i}
                className={rowClass(mark, current, done)}
                aria-current={current ? 'step' : undefined}
                data-testid={`pm-row-${i}`}
                data-differs={mark === 'differs' ? 'true' : 'false'}
                data-mark={mark}
              >
                {compact ? (
                  <td title={step ? stepText(step) : undefined}>
                    {i + 1}
                    <span className="visually-hidden"> {step ? stepText(step) : '?'}</span>
                  </td>
                ) : (
                  <>
                    <td>{i + 1}</td>
                    <td>
                      <code>{step ? stepText(step) : '?'}</code>
                    </td>
                  </>
                )}
                {runs.policies.map((p, k) => {
                  const r = runs.results[k]?.[i];
                  const off =
                    done &&
                    k !== running &&
                    !notInKernel(r, p) &&
                    !notInKernel(base, runs.running) &&
                    resultsDiffer(r, base);
                  return (
                    <td
                      key={p}
                      className={`${k === running ? 'pm-running-col' : ''}${off ? ' pm-cell-differs' : ''}`}
                      data-testid={`pm-cell-${i}-${p}`}
                      data-differs={off ? 'true' : 'false'}
                    >
                      {done ? (
                        <>
                          {off ? <DiffersFrom policy={runs.running} /> : null}
                          <Verdict r={r} policy={p} />
                        </>
                      ) : (
                        <span className="muted">pending</span>
                      )}
                    </td>
                  );
                })}
                <td className="ab-mark">
                  <Mark mark={mark} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Policy A/B: the same scenario under a second policy, stepping in lockstep with the sandbox
 * (policy A). Every step's result side by side, the steps whose results differ marked "≠" (never
 * by colour alone; abRows.ts says how a step not yet run is marked), and both policies' state after
 * the current step. "All four policies" shows every policy at once instead (PolicyMatrix.tsx).
 */
import type { CompareWith, Policy, Step } from '../../engine/index.ts';
import { ALL_POLICIES, POLICIES } from '../../engine/index.ts';
import { useSandbox, useScenario } from '../../hooks/index.ts';
import type { ResultLite } from '../../share/analysis.ts';
import { setPolicyB } from '../../share/session.ts';
import { selectCursor, selectFramePolicy, useFrame } from '../../store/index.ts';
import { useShare } from '../Share/useShare.ts';
import { stepText } from '../common/stepText.ts';
import { DiffersSummary, Mark, Verdict, MarkHeader } from './abCells.tsx';
import { abWindow, windowLabel, rowClass } from './abRows.ts';
import { PolicyMatrix } from './PolicyMatrix.tsx';
import { PolicyStateTable } from './PolicyStateTable.tsx';
import './policyAb.css';

export function PolicyAbPanel({ compact = false }: { compact?: boolean }) {
  const policyA = useFrame(selectFramePolicy) as Policy | null;
  const policyB = useShare((s) => s.policyB);
  const others = POLICIES.filter((p) => p !== policyA);

  return (
    <section className="panel policy-ab" aria-labelledby="policy-ab-title" data-testid="policy-ab">
      <div className="ab-head">
        <h2 id="policy-ab-title">Policy A/B</h2>
        <label className="field inline">
          <span className="field-label">Compare with</span>
          <select
            value={policyB ?? ''}
            data-testid="policy-b-select"
            onChange={(e) => setPolicyB(e.target.value === '' ? undefined : (e.target.value as CompareWith))}
          >
            <option value="">(no comparison)</option>
            {others.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
            <option value={ALL_POLICIES}>all four policies</option>
          </select>
        </label>
      </div>
      {!policyB ? (
        compact ? null : (
          <p className="muted ab-empty">Pick a second policy to run this scenario under both, step by step.</p>
        )
      ) : policyB === ALL_POLICIES ? (
        <PolicyMatrix compact={compact} />
      ) : (
        <AbComparison policyB={policyB} />
      )}
    </section>
  );
}

/** The comparison itself: it follows the cursor, so only a panel with a second policy re-renders per step. */
function AbComparison({ policyB }: { policyB: Policy }) {
  const sb = useSandbox();
  const scenario = useScenario();
  const cursor = useFrame(selectCursor);
  const ab = useShare((s) => s.ab);
  const at = useShare((s) => s.at);
  // A/B runs [A, B] (analysis.ts comparedPolicies).
  const [policyA, b] = ab?.policies.length === 2 ? ab.policies : [];
  const [aRuns = [], bRuns = []] = ab?.results ?? [];
  return !ab || !scenario || b !== policyB ? (
    <p className="muted">Running both policies…</p>
  ) : (
    <>
      <p data-testid="ab-summary">
        <strong>A</strong> {policyA} vs <strong>B</strong> {b}:{' '}
        <DiffersSummary
          differs={ab.differs}
          total={aRuns.length}
          onJump={(n) => sb.root.send({ type: 'sim.seek', cursor: n })}
        />
      </p>
      <AbSteps
        steps={scenario.steps}
        a={aRuns}
        b={bRuns}
        policies={[policyA, b]}
        differs={ab.differs}
        cursor={cursor}
      />
      {at && at.finals.length === 2 && at.cursor === cursor ? (
        <PolicyStateTable headers={['A', 'B']} finals={at.finals} />
      ) : null}
    </>
  );
}

function AbSteps({
  steps,
  a,
  b,
  policies: [policyA, policyB],
  differs,
  cursor,
}: {
  steps: Step[];
  a: ResultLite[];
  b: ResultLite[];
  /** A's and B's policy: a step one of them lacks reads "n/a" in its column. */
  policies: [Policy | undefined, Policy | undefined];
  differs: number[];
  cursor: number;
}) {
  const w = abWindow(steps.length, cursor, differs);
  return (
    <table className="ab-table" data-testid="ab-table">
      <caption className="ab-window" data-testid="ab-window">
        {windowLabel(w)}
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Step</th>
          <th scope="col">A</th>
          <th scope="col">B</th>
          <MarkHeader />
        </tr>
      </thead>
      <tbody>
        {w.rows.map(({ i, done, current, mark }) => {
          const step = steps[i];
          return (
            <tr
              key={i}
              className={rowClass(mark, current, done)}
              aria-current={current ? 'step' : undefined}
              data-testid={`ab-row-${i}`}
              data-differs={mark === 'differs' ? 'true' : 'false'}
              data-mark={mark}
            >
              <td>{i + 1}</td>
              <td>
                <code>{step ? stepText(step) : '?'}</code>
              </td>
              <td>{done ? <Verdict r={a[i]} policy={policyA} /> : <span className="muted">pending</span>}</td>
              <td>{done ? <Verdict r={b[i]} policy={policyB} /> : <span className="muted">pending</span>}</td>
              <td className="ab-mark">
                <Mark mark={mark} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

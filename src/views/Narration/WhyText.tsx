import { Fragment } from 'react';
import { citedRules } from '../../app/researchRules.ts';
import './why.css';
import type { RuleTable } from '../../app/researchRules.ts';

/**
 * A library step's "why" (its `.expect.json`): the result derived from the research's rules, and
 * the rules it cites in a disclosure, so a reader can check the reasoning without the research.
 */
export function WhyText({ why, rules }: { why: string; rules: RuleTable | null }) {
  const cited = citedRules(why);
  return (
    <div className="why" data-testid="why">
      <p>
        <span className="muted">Why, by the research rules: </span>
        {why}
      </p>
      {rules && cited.length > 0 ? (
        <details>
          <summary>Rules {cited.join(', ')}</summary>
          <dl className="why-rules">
            {cited.map((id) => (
              <Fragment key={id}>
                <dt>{id}</dt>
                <dd>{rules[id] ?? rules[id.split('.')[0] ?? ''] ?? 'not in the research'}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}

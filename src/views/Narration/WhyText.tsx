import { Fragment } from 'react';
import { citedRules } from '../../app/researchRules.ts';
import './why.css';
import type { RuleTable } from '../../app/researchRules.ts';

/**
 * A library step's "why" (its `.expect.json`): the result derived from the research's rules, and
 * the text of the rules it cites, folded under one line so the narration keeps its height from
 * step to step. Controlled: the narration starts its height over when it opens or closes.
 */
export function WhyText({
  why,
  rules,
  open,
  onToggle,
}: {
  why: string;
  rules: RuleTable | null;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const cited = citedRules(why);
  // The expectations write arrows in ASCII; the rest of the page uses →.
  const text = why.replace(/->/g, '→');
  return (
    <details className="why" data-testid="why" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>Why this result{cited.length > 0 ? `, by the research rules ${cited.join(', ')}` : ''}</summary>
      <p>{text}</p>
      {rules && cited.length > 0 ? (
        <dl className="why-rules">
          {cited.map((id) => (
            <Fragment key={id}>
              <dt>{id}</dt>
              <dd>{rules[id] ?? rules[id.split('.')[0] ?? ''] ?? 'not in the research'}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
    </details>
  );
}

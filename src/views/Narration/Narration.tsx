import { useMemo, useRef, useState } from 'react';
import { useScenario } from '../../hooks/index.ts';
import type { Policy } from '../../engine/index.ts';
import { frameStore, selectCursor, selectFramePolicy, selectVersion, useFrame } from '../../store/index.ts';
import { KernelCallText } from '../common/KernelCallText.tsx';
import { ResultBadge } from '../common/ResultText.tsx';
import { StepNote, useNotesPolicy } from '../common/StepNote.tsx';
import { stepText } from '../common/stepText.ts';
import { useHeightBoundary } from './useHeightBoundary.ts';
import { useLibraryWhy } from './useLibraryWhy.ts';
import { WhyText } from './WhyText.tsx';
import { libraryWhy } from '../../app/libraryWhy.ts';

/** The scenario's notes, what the last step did and what the next one will do. */
export function Narration() {
  const scenario = useScenario();
  useFrame(selectVersion);
  const cursor = useFrame(selectCursor);
  const model = frameStore.getState().frame?.model;
  const lastStep = cursor > 0 ? model?.logSteps[cursor - 1] : undefined;
  const last = cursor > 0 ? model?.log[cursor - 1] : undefined;
  const next = scenario?.steps[cursor];
  const writtenFor = useNotesPolicy(scenario);
  const policy = (useFrame(selectFramePolicy) ?? scenario?.policy ?? 'global') as Policy;
  const { lib, rules } = useLibraryWhy(scenario ?? null);
  const why = lib && scenario && last && cursor > 0 ? libraryWhy(lib, scenario, policy, cursor - 1, last) : null;
  const box = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  // Opened by the reader, the why stays open from step to step; opening or closing it is a new
  // height for the box (an epoch of its own), not one it keeps for the rest of the scenario.
  const [whyOpen, setWhyOpen] = useState(false);
  const epoch = useMemo(() => ({ scenario, whyOpen }), [scenario, whyOpen]);
  // The last and next step change on every step: laid out inside a box of their own height, which
  // keeps the tallest height they have had for this scenario.
  useHeightBoundary(box, grid, epoch);
  return (
    <section className="panel narration" aria-label="Narration">
      {scenario?.notes ? (
        <details>
          <summary>About this scenario</summary>
          <p className="notes">{scenario.notes}</p>
        </details>
      ) : null}
      {/* A composited layer of its own (styles.css): its text changes on every step. */}
      <div className="narration-box" ref={box}>
        <div className="narration-grid" ref={grid}>
          <div data-testid="last-step">
            <h3>Last step</h3>
            {lastStep && last ? (
              <>
                <p>
                  <code>{stepText(lastStep)}</code> <ResultBadge result={last} />
                </p>
                {/* Always there (a blank line when the kernel says nothing), so the panel keeps its
                  height from step to step and nothing below it moves. */}
                <p className="kernel-msg">{last.message ?? last.via ?? '\u00a0'}</p>
                <KernelCallText step={lastStep} policy={policy} scenario={scenario ?? null} />
                {lastStep.note ? <StepNote note={lastStep.note} writtenFor={writtenFor} /> : null}
                {why !== null ? <WhyText why={why} rules={rules} open={whyOpen} onToggle={setWhyOpen} /> : null}
              </>
            ) : (
              <p className="muted">Nothing applied yet.</p>
            )}
          </div>
          <div data-testid="next-step">
            <h3>Next step</h3>
            {next ? (
              <>
                <p>
                  <code>{stepText(next)}</code>
                </p>
                <KernelCallText step={next} policy={policy} scenario={scenario ?? null} />
                {next.note ? <StepNote note={next.note} writtenFor={writtenFor} /> : null}
              </>
            ) : (
              <p className="muted">
                {scenario ? 'End of the scenario: act on a device or process to add steps.' : 'No scenario loaded.'}
              </p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}

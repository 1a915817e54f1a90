import { Fragment } from 'react';
import type { Policy, Scenario, Step } from '../../engine/index.ts';
import { KERNEL_TAG, kernelCall } from './kernelSource.ts';
import './kernelCall.css';

/**
 * "In the kernel: iommu_sva_bind_device()" under a step, each mainline function a link to its
 * definition in the Linux source the engine models (a new tab); a function only proposed in the
 * thread is named and marked, not linked.
 */
export function KernelCallText({ step, policy, scenario }: { step: Step; policy: Policy; scenario: Scenario | null }) {
  const call = kernelCall(step, policy, scenario);
  return (
    <p className="kernel-call" data-testid="kernel-call">
      {call.refs.length > 0 ? (
        <>
          <span className="muted">In the kernel: </span>
          {call.refs.map((r, i) => (
            <Fragment key={r.name}>
              {i > 0 ? ', ' : null}
              {r.url ? (
                <a href={r.url} target="_blank" rel="noopener noreferrer">
                  <code>{r.name}()</code>
                  <span className="visually-hidden"> in the Linux {KERNEL_TAG} source, opens in a new tab</span>
                </a>
              ) : (
                <>
                  <code>{r.name}()</code>
                  {r.note ? <span className="muted"> ({r.note})</span> : null}
                </>
              )}
            </Fragment>
          ))}
          {call.remark ? <span className="muted">. {call.remark}</span> : null}
        </>
      ) : (
        <span className="muted">{call.remark}</span>
      )}
    </p>
  );
}

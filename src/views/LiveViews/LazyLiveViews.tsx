/** The live views, loaded on demand so their d3 code stays out of the initial bundle. */
import { lazy, Suspense } from 'react';

const LiveViews = lazy(() => import('./LiveViews.tsx'));

export function LazyLiveViews() {
  return (
    <Suspense fallback={<p className="muted">Loading the live views…</p>}>
      <LiveViews />
    </Suspense>
  );
}

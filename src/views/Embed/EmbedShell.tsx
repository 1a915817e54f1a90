/**
 * The page inside another page (`embed=1`, an iframe in a blog post, an article or a slide deck):
 * the scenario's title, the playback bar, the narration and the live views. Nothing that edits
 * the scenario, nothing that takes over the host page (talk mode, file drops); one link opens the
 * same step in the full sandbox, in a new tab.
 */
import type { MouseEvent, FocusEvent } from 'react';
import { usePlaybackKeys, useSandbox, useScenario } from '../../hooks/index.ts';
import { urlFor } from '../../share/address.ts';
import { selectFramePolicy, useFrame } from '../../store/index.ts';
import { LazyLiveViews } from '../LiveViews/LazyLiveViews.tsx';
import { Narration } from '../Narration/Narration.tsx';
import { NoticeBanner } from '../Notice/NoticeBanner.tsx';
import { PlaybackBar } from '../Playback/PlaybackBar.tsx';
import { LinkBanners } from '../Share/LinkBanners.tsx';
import { currentFragment } from '../Share/currentLink.ts';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import './embed.css';

export function EmbedShell() {
  usePlaybackKeys();
  const scenario = useScenario();
  const policy = useFrame(selectFramePolicy);
  return (
    <div className="app embed">
      <header className="embed-head">
        <h1 className="embed-title" title={scenario?.title}>
          {scenario?.title ?? 'pasid-sandbox'}
        </h1>
        {policy ? <span className="chip">policy {policy}</span> : null}
        <OpenFullSandbox />
      </header>
      <NoticeBanner />
      <LinkBanners />
      <main id="main" className="embed-main" tabIndex={-1}>
        <PanelBoundary name="The playback bar">
          <PlaybackBar />
        </PanelBoundary>
        <PanelBoundary name="The narration">
          <Narration />
        </PanelBoundary>
        <PanelBoundary name="The live views">
          <LazyLiveViews />
        </PanelBoundary>
      </main>
    </div>
  );
}

/**
 * "Open in pasid-sandbox": this scenario at this step, without `embed`. The address is made when
 * the link is about to be used (pointed at, focused), not on every step.
 */
function OpenFullSandbox() {
  const sb = useSandbox();
  const fullUrl = (): string => {
    try {
      const f = currentFragment(sb, { embed: false });
      if (f !== null) return urlFor(f);
    } catch {
      // Too large for a link: the address the page was opened with, without its embed flag.
    }
    return location.href.replace(/&embed=1\b/, '');
  };
  const refresh = (e: MouseEvent<HTMLAnchorElement> | FocusEvent<HTMLAnchorElement>): void => {
    e.currentTarget.href = fullUrl();
  };
  return (
    <a
      className="embed-open"
      href={fullUrl()}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="embed-open"
      onMouseEnter={refresh}
      onMouseDown={refresh}
      onFocus={refresh}
    >
      Open in pasid-sandbox ↗<span className="visually-hidden"> (new tab)</span>
    </a>
  );
}

/**
 * The shell: header, notices, the three columns (topology, main panel + log, inspector) and the
 * whole-window drop target for scenario files.
 */
import { useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { SandboxContext, usePlaybackKeys } from '../hooks/index.ts';
import type { Sandbox } from '../hooks/index.ts';
import { AppHeader } from '../views/Header/AppHeader.tsx';
import { Inspector } from '../views/Inspector/Inspector.tsx';
import { Narration } from '../views/Narration/Narration.tsx';
import { NoticeBanner } from '../views/Notice/NoticeBanner.tsx';
import { LazyLiveViews } from '../views/LiveViews/LazyLiveViews.tsx';
import { MainPanel } from '../views/Overview/MainPanel.tsx';
import { KeysHint } from '../views/Playback/KeysHint.tsx';
import { PlaybackBar } from '../views/Playback/PlaybackBar.tsx';
import { PlaybackSpeed } from '../views/Playback/PlaybackSpeed.tsx';
import { StepLog } from '../views/StepLog/StepLog.tsx';
import { TopologyEditor } from '../views/Topology/TopologyEditor.tsx';
import { selectPanels, useUiStore } from '../store/index.ts';
import { PolicyAbPanel } from '../views/PolicyAB/PolicyAbPanel.tsx';
import { LinkBanners } from '../views/Share/LinkBanners.tsx';
import { openAnyFile, openFragment } from '../views/Share/linkCommands.ts';
import { ShareSync } from '../views/Share/ShareSync.tsx';
import { useShare } from '../views/Share/useShare.ts';
import { TalkShell } from '../views/Talk/TalkShell.tsx';
import { EmbedShell } from '../views/Embed/EmbedShell.tsx';
import { TimelineBar } from '../views/Timeline/TimelineBar.tsx';
import { PanelBoundary } from '../views/common/PanelBoundary.tsx';
import { openBundled } from './commands.ts';
import { getSandbox } from './sandbox.ts';
import { scenarioFromUrl } from './scenarios.ts';
import './styles.css';

export function App() {
  const [sb] = useState(getSandbox);
  const booted = useRef(false);
  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    if (import.meta.env.DEV || new URLSearchParams(location.search).has('e2e')) {
      void import('./testHooks.ts').then((m) => m.installTestHooks(sb));
    }
    // A share link in the fragment wins; a broken one shows its diagnostic instead of a default.
    void openFragment(sb, location.hash).then((r) => {
      if (r === 'none') void openBundled(sb, scenarioFromUrl(location.search));
    });
  }, [sb]);
  const present = useShare((s) => s.present);
  const embed = useShare((s) => s.embed);
  return (
    <SandboxContext value={sb}>
      <ShareSync />
      <PanelBoundary
        name="The sandbox"
        after="The link in the address bar holds the last scenario and step shown: reload the page to reopen it."
      >
        {embed ? <EmbedShell /> : present ? <TalkShell /> : <Shell sb={sb} />}
      </PanelBoundary>
    </SandboxContext>
  );
}

function Shell({ sb }: { sb: Sandbox }) {
  usePlaybackKeys();
  const panels = useUiStore(selectPanels);
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openAnyFile(sb, file);
  };
  return (
    <div
      className={`app${dragging ? ' app-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <a className="skip-link" href="#main">
        Skip to the sandbox
      </a>
      <PanelBoundary name="The header">
        <AppHeader />
      </PanelBoundary>
      <NoticeBanner />
      <LinkBanners />
      <div className={`layout${panels.topology ? '' : ' no-topology'}${panels.inspector ? '' : ' no-inspector'}`}>
        {panels.topology ? (
          <aside className="col col-topology" aria-label="Topology editor">
            <PanelBoundary name="The topology editor">
              <TopologyEditor />
            </PanelBoundary>
          </aside>
        ) : null}
        {/* tabIndex -1: the skip link and a dismissed notice with nowhere else to go focus it. */}
        <main id="main" className="col col-main" tabIndex={-1}>
          <PanelBoundary name="The playback bar">
            <PlaybackBar />
          </PanelBoundary>
          {/* Under the sticky bar, one row where the column allows: the speed, the timeline, then
              the keys (which wrap below first). Two rows of their own pushed the views ~40 px down. */}
          <div className="transport">
            <PanelBoundary name="The playback speed">
              <PlaybackSpeed />
            </PanelBoundary>
            <PanelBoundary name="The timeline">
              <TimelineBar />
            </PanelBoundary>
            <KeysHint />
          </div>
          <PanelBoundary name="The narration">
            <Narration />
          </PanelBoundary>
          <PanelBoundary name="The policy A/B panel">
            <PolicyAbPanel />
          </PanelBoundary>
          <PanelBoundary name="The live views">
            <LazyLiveViews />
          </PanelBoundary>
          <PanelBoundary name="The overview">
            <MainPanel />
          </PanelBoundary>
          <PanelBoundary name="The step log">
            <StepLog />
          </PanelBoundary>
        </main>
        {panels.inspector ? (
          <aside className="col col-inspector" aria-label="Inspector">
            <PanelBoundary name="The inspector">
              <Inspector />
            </PanelBoundary>
          </aside>
        ) : null}
      </div>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop a scenario JSON file to open it
        </div>
      ) : null}
    </div>
  );
}

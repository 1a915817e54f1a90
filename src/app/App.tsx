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
import { MainPanel } from '../views/Overview/MainPanel.tsx';
import { PlaybackBar } from '../views/Playback/PlaybackBar.tsx';
import { StepLog } from '../views/StepLog/StepLog.tsx';
import { TopologyEditor } from '../views/Topology/TopologyEditor.tsx';
import { openBundled, openFile } from './commands.ts';
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
    void openBundled(sb, scenarioFromUrl(location.search));
  }, [sb]);
  return (
    <SandboxContext value={sb}>
      <Shell sb={sb} />
    </SandboxContext>
  );
}

function Shell({ sb }: { sb: Sandbox }) {
  usePlaybackKeys();
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(sb, file);
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
      <AppHeader />
      <NoticeBanner />
      <div className="layout">
        <aside className="col col-topology" aria-label="Topology editor">
          <TopologyEditor />
        </aside>
        <main id="main" className="col col-main">
          <PlaybackBar />
          <Narration />
          <MainPanel />
          <StepLog />
        </main>
        <aside className="col col-inspector" aria-label="Inspector">
          <Inspector />
        </aside>
      </div>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop a scenario JSON file to open it
        </div>
      ) : null}
    </div>
  );
}

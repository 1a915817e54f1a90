import { selectSelection, useUiStore } from '../../store/index.ts';
import { DeviceInspector } from './DeviceInspector.tsx';
import { GlobalSection } from './GlobalSection.tsx';
import { ProcessInspector } from './ProcessInspector.tsx';

/** The right-hand panel: the selected device and process, and the global actions. */
export function Inspector() {
  const { device, proc } = useUiStore(selectSelection);
  return (
    <div className="inspector-stack">
      {!device && !proc ? <p className="muted hint">Select a device card or a process to act on it.</p> : null}
      {device ? <DeviceInspector key={device} dev={device} /> : null}
      {proc ? <ProcessInspector key={proc} proc={proc} /> : null}
      <GlobalSection />
    </div>
  );
}

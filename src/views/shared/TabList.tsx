/**
 * A row of tabs after the WAI-ARIA tabs pattern: one Tab stop (the selected tab), ← → move between
 * tabs and select them, Home / End the first and last. The keys are taken (preventDefault) so the
 * playback keys on the window, which also use ← → Home End, do not step the simulation too.
 */
import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { nextTab } from './tabKeys.ts';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
  testId: string;
}

export function TabList<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
}: {
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T | undefined;
  onSelect: (id: T) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const at = Math.max(
      0,
      tabs.findIndex((t) => t.id === selected)
    );
    const to = nextTab(e.key, at, tabs.length);
    const tab = to === null ? undefined : tabs[to];
    if (!tab) return;
    e.preventDefault();
    onSelect(tab.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[to ?? 0]?.focus();
  };
  return (
    <div className="vz-tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => {
        const isSelected = t.id === selected;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={isSelected}
            tabIndex={isSelected || (selected === undefined && t === tabs[0]) ? 0 : -1}
            onClick={() => onSelect(t.id)}
            data-testid={t.testId}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}

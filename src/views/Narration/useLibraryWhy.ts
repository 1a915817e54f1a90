/**
 * The library entry (scenario + expectations) a scenario on screen may be, found by its title, and
 * the research rules they cite; fetched once each, lazily. libraryWhy() then decides, step by step,
 * whether the scenario on screen really is that one (a title alone proves nothing).
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../../engine/index.ts';
import { fetchExpect, fetchIndex, fetchRules, fetchScenario } from '../../app/scenarios.ts';
import type { LibraryEntry } from '../../app/libraryWhy.ts';
import type { RuleTable } from '../../app/researchRules.ts';

const byTitle = new Map<string, Promise<LibraryEntry | null>>();
let rulesLoad: Promise<RuleTable | null> | null = null;

function libraryFor(title: string): Promise<LibraryEntry | null> {
  let p = byTitle.get(title);
  if (!p) {
    p = (async () => {
      const entry = (await fetchIndex()).find((e) => e.title === title);
      if (!entry) return null;
      const [scenario, expect] = await Promise.all([fetchScenario(entry.file), fetchExpect(entry.file)]);
      return { scenario, expect };
    })().catch(() => {
      byTitle.delete(title); // offline or a server hiccup: try again with the next scenario load
      return null;
    });
    byTitle.set(title, p);
  }
  return p;
}

function rulesFor(): Promise<RuleTable | null> {
  rulesLoad ??= fetchRules().catch(() => {
    rulesLoad = null;
    return null;
  });
  return rulesLoad;
}

export function useLibraryWhy(scenario: Scenario | null): { lib: LibraryEntry | null; rules: RuleTable | null } {
  const [got, setGot] = useState<{ of: Scenario; lib: LibraryEntry | null; rules: RuleTable | null } | null>(null);
  useEffect(() => {
    const title = scenario?.title;
    if (!scenario || !title) return;
    let live = true;
    void Promise.all([libraryFor(title), rulesFor()]).then(([lib, rules]) => {
      if (live) setGot({ of: scenario, lib, rules: lib ? rules : null });
    });
    return () => {
      live = false;
    };
  }, [scenario]);
  return got?.of === scenario ? { lib: got.lib, rules: got.rules } : { lib: null, rules: null };
}

/**
 * Share links (spec §5): every library scenario opens from its golden link at its cursor and
 * steps to the end with the narrated results; the address follows the state without adding
 * history; drift is reported with where it starts; damaged links are repaired; broken and
 * hostile links show a diagnostic, never a blank page, never an uncaught error, never run code.
 */
import { expect, test } from '@playwright/test';
import { encodeShare, parseScenario } from '../src/engine/index.ts';
import { readLink } from '../src/share/link.ts';
import { expectedNow } from './fixtures/goldenLinks.ts';
import type { GoldenLink } from './fixtures/goldenLinks.ts';
import { golden, resultsOf, withSettings } from './fixtures/linkHelpers.ts';

declare const location: { hash: string };
declare const history: { length: number };
declare const window: { __pwned?: number };
declare const document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };

/** The step notes of a golden link's scenario. */
function notesOf(link: string): (string | undefined)[] {
  const r = readLink(link);
  return r.kind === 'link' ? r.link.scenario.steps.map((s) => s.note) : [];
}

/**
 * A drift token for `g` as if its link had been made by a simulator that answered step 5 (index 4)
 * differently: another trace hash, and a running checksum that differs from there on.
 */
function alteredToken(g: GoldenLink): string {
  const token = /&hash=([^&]+)/.exec(g.link)?.[1] ?? '';
  const chain = token.slice(token.indexOf('-') + 1);
  const alteredChain = chain.slice(0, 4) + [...chain.slice(4)].map((c) => (c === 'A' ? 'B' : 'A')).join('');
  return `${'0'.repeat(16)}-${alteredChain}`;
}

test.describe('share links', () => {
  for (const g of golden.links) {
    test(`${g.file} opens from its link and steps to the end with the expected results`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`/?e2e#${g.link}`);
      const cursor = page.getByTestId('cursor');
      await expect(cursor).toHaveText(`${g.cursor} / ${g.length}`);
      expect(await resultsOf(page)).toStrictEqual(expectedNow(g).slice(0, g.cursor));
      if (g.changed) await expect(page.getByTestId('drift-banner')).toContainText(`at step ${g.changed.from + 1}`);
      else await expect(page.getByTestId('drift-banner')).toHaveCount(0);
      await page.locator('body').focus();
      for (let c = g.cursor + 1; c <= g.length; c++) {
        await page.keyboard.press('ArrowRight');
        await expect(cursor).toHaveText(`${c} / ${g.length}`);
      }
      expect(await resultsOf(page)).toStrictEqual(expectedNow(g));
      // The last step's narration is shown as its note.
      const lastNote = notesOf(g.link).at(-1);
      if (lastNote) await expect(page.getByTestId('last-step')).toContainText(lastNote);
      expect(errors).toStrictEqual([]);
    });
  }

  test('the address follows the cursor with replaceState (Back is not flooded)', async ({ page }) => {
    const g = golden.links[0]!;
    await page.goto(`/?e2e#${withSettings(g, { cursor: 0 })}`);
    await expect(page.getByTestId('cursor')).toHaveText(`0 / ${g.length}`);
    const before = await page.evaluate(() => history.length);
    await page.locator('body').focus();
    for (let c = 1; c <= 4; c++) {
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('cursor')).toHaveText(`${c} / ${g.length}`);
    }
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/&cursor=4&hash=[0-9a-f]{16}-/);
    expect(await page.evaluate(() => history.length)).toBe(before);
    // The written link reopens the same step in a fresh page.
    const written = await page.evaluate(() => location.hash);
    const fresh = await page.context().newPage();
    await fresh.goto(`/?e2e${written}`);
    await expect(fresh.getByTestId('cursor')).toHaveText(`4 / ${g.length}`);
    await expect(fresh.getByTestId('drift-banner')).toHaveCount(0);
  });

  test('editing the settings by hand applies them in place', async ({ page }) => {
    const g = golden.links[1]!;
    await page.goto(`/?e2e#${g.link}`);
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await page.evaluate(() => {
      location.hash = location.hash.replace(/&cursor=\d+/, '&cursor=2');
    });
    await expect(page.getByTestId('cursor')).toHaveText(`2 / ${g.length}`);
  });

  test('the open views are part of the link', async ({ page }) => {
    const g = golden.links[0]!;
    await page.goto(`/?e2e#${g.link}`);
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await page.getByTestId('toggle-queues').click();
    await page.getByTestId('toggle-statechart').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/&view=psvb&/);
    const fresh = await page.context().newPage();
    await fresh.goto(`/?e2e#${withSettings(g, { view: 'pq' })}`);
    await expect(fresh.getByTestId('toggle-pasids')).toHaveAttribute('aria-pressed', 'true');
    await expect(fresh.getByTestId('toggle-queues')).toHaveAttribute('aria-pressed', 'true');
    await expect(fresh.getByTestId('toggle-smmu')).toHaveAttribute('aria-pressed', 'false');
    await expect(fresh.getByTestId('toggle-bindings')).toHaveAttribute('aria-pressed', 'false');
  });

  test('the layout is part of the link: wide views and each view’s table mode', async ({ page }) => {
    const g = golden.links[0]!;
    await page.goto(`/?e2e#${g.link}`);
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await page.getByTestId('wide-views').click();
    await page.getByTestId('view-smmu-mode-table').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/&view=wpSvbqc&/);
    const fresh = await page.context().newPage();
    await fresh.goto(page.url());
    await expect(fresh.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await expect(fresh.getByTestId('wide-views')).toHaveAttribute('aria-pressed', 'true');
    await expect(fresh.getByTestId('view-smmu-mode-table')).toHaveAttribute('aria-pressed', 'true');
    await expect(fresh.getByTestId('view-pasids-mode-diagram')).toHaveAttribute('aria-pressed', 'true');
    // A link that says nothing about the layout opens the default one.
    await fresh.goto(`/?e2e#${g.link}`);
    await expect(fresh.getByTestId('wide-views')).toHaveAttribute('aria-pressed', 'false');
    await expect(fresh.getByTestId('view-smmu-mode-diagram')).toHaveAttribute('aria-pressed', 'true');
  });

  test('a link whose replay differs says so, and where', async ({ page }) => {
    const g = golden.links[0]!;
    await page.goto(`/?e2e#${withSettings(g, { hash: alteredToken(g) })}`);
    await expect(page.getByTestId('drift-banner')).toContainText('first differs at step 5');
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    // Dismissed from the keyboard, focus goes back to the control it came from, not the page.
    const present = page.getByTestId('present-button');
    await present.focus();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('drift-banner').getByRole('button', { name: 'Dismiss' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('drift-banner')).toHaveCount(0);
    await expect(present).toBeFocused();
  });

  test('a pasted link of the scenario on screen is checked for drift too', async ({ page }) => {
    const g = golden.links[0]!;
    const tampered = withSettings(g, { hash: alteredToken(g) });
    // What a fresh load of the tampered link says.
    const fresh = await page.context().newPage();
    await fresh.goto(`/?e2e#${tampered}`);
    const said = (await fresh.getByTestId('drift-banner').textContent()) ?? '';
    expect(said).toContain('first differs at step 5');
    await fresh.close();

    // The same scenario, opened without a token: once the address bar holds the link of what is
    // on screen (its own token added), paste the tampered link over it.
    await page.goto(`/?e2e#${g.link.replace(/&hash=[^&]*/, '')}`);
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/&hash=/);
    await expect(page.getByTestId('drift-banner')).toHaveCount(0);
    await page.getByTestId('device-card-accel0').click();
    await expect(page.getByTestId('inspector-accel0')).toBeVisible();
    await page.evaluate((t) => {
      location.hash = t;
    }, tampered);
    await expect(page.getByTestId('drift-banner')).toHaveText(said);
    // Checked in place: no reload (which would have cleared the selection), same step.
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await expect(page.getByTestId('inspector-accel0')).toBeVisible();
  });

  test('unknown view and theme values open the link with a notice naming them', async ({ page }) => {
    const g = golden.links[0]!;
    const notice = page.getByTestId('notice');
    await page.goto(`/?e2e#${withSettings(g, { theme: 'neon' })}`);
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await expect(notice).toHaveText(/theme "neon" is not a theme: light, dark, projector/);
    await expect(notice).not.toContainText('view');
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

    // Edited by hand in the address bar (settings applied in place): both named, in one notice.
    await page.evaluate(
      (t) => {
        location.hash = t;
      },
      withSettings(g, { cursor: 2, view: 'bogus', theme: 'neon' })
    );
    await expect(page.getByTestId('cursor')).toHaveText(`2 / ${g.length}`);
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('view "bogus" is not a list of views:');
    await expect(notice).toContainText('theme "neon" is not a theme: light, dark, projector');
    // The fallback: every view open.
    await expect(page.getByTestId('toggle-queues')).toHaveAttribute('aria-pressed', 'true');

    // Valid values: no notice.
    const fine = await page.context().newPage();
    await fine.goto(`/?e2e#${withSettings(g, { view: 'pq', theme: 'dark' })}`);
    await expect(fine.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
    await expect(fine.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(fine.getByTestId('toggle-smmu')).toHaveAttribute('aria-pressed', 'false');
    await expect(fine.getByTestId('notice')).toHaveCount(0);
  });

  for (const m of golden.mangled ?? []) {
    test(`a link ${m.how} still opens`, async ({ page }) => {
      const g = golden.links[m.of]!;
      // Pasted as it is into the address bar: the URL parser drops the line breaks and
      // percent-encodes the spaces and quote marks, as a browser does.
      await page.goto(`/?e2e#${m.text}`);
      await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);
      await expect(page.getByTestId('notice')).toContainText('Opened a damaged link');
    });
  }

  test('a broken link on a fresh load shows the diagnostic, not a blank page', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const g = golden.links[2]!;
    await page.goto(`/?e2e#${g.link.slice(0, 200)}`);
    const diag = page.getByTestId('link-diagnostic');
    await expect(diag).toBeVisible();
    await expect(diag.getByRole('heading')).toHaveText('This link could not be opened');
    await expect(page.getByTestId('link-problem')).toHaveText(/^link/);
    await expect(diag).toContainText('copy the whole link again');
    // Nothing is loading: the panels say there is no scenario (the topology said "Loading…" forever).
    await expect(page.getByText('No scenario loaded: open one from the library or a file.')).toBeVisible();
    await expect(page.getByTestId('next-step')).toContainText('No scenario loaded.');
    await page.getByRole('button', { name: 'Open the RFC-problem scenario instead' }).click();
    await expect(page.getByTestId('cursor')).toHaveText('0 / 12');
    await expect(diag).toHaveCount(0);
    expect(errors).toStrictEqual([]);
  });

  test('Dismiss on the link diagnostic leaves focus in the main region, not on the page', async ({ page }) => {
    await page.goto(`/?e2e#${golden.links[2]!.link.slice(0, 200)}`);
    const diag = page.getByTestId('link-diagnostic');
    await diag.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect(diag).toHaveCount(0);
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('a bad setting offers the scenario without its settings', async ({ page }) => {
    const g = golden.links[3]!;
    await page.goto(`/?e2e#${g.link}&theme=${'x'.repeat(40)}`);
    await expect(page.getByTestId('link-problem')).toHaveText(
      'link.theme: expected 1-32 characters of A-Z a-z 0-9 _ . -'
    );
    await page.getByRole('button', { name: 'Open the scenario without its settings' }).click();
    await expect(page.getByTestId('cursor')).toHaveText(`0 / ${g.length}`);
  });

  test('a newer version is named as such', async ({ page }) => {
    await page.goto(`/?e2e#${golden.links[0]!.link.replace(/^v1\./, 'v2.')}`);
    await expect(page.getByTestId('link-problem')).toHaveText('link: unknown version "v2"');
    await expect(page.getByTestId('link-diagnostic')).toContainText('newer pasid-sandbox');
  });

  test('markup in a shared scenario is shown as text, never run', async ({ page }) => {
    const base = readLink(golden.links[0]!.link);
    if (base.kind !== 'link') throw new Error('golden link 0 does not decode');
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const scenario = parseScenario({
      ...base.link.scenario,
      title: evil,
      steps: base.link.scenario.steps.map((s, i) => (i === 0 ? { ...s, note: evil } : s)),
    });
    await page.goto(`/?e2e#${encodeShare({ scenario, cursor: 1 })}`);
    await expect(page.getByTestId('scenario-title')).toHaveText(evil);
    await expect(page.getByTestId('last-step')).toContainText(evil);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });

  test('1,000 mutated links each show the diagnostic, with no uncaught error', async ({ page }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const g = golden.links[0]!;
    await page.goto(`/?e2e#${g.link}`);
    await expect(page.getByTestId('cursor')).toHaveText(`${g.cursor} / ${g.length}`);

    // Mutate in Node (seeded), then only set location.hash in the page: no reload per link.
    let seed = 0x5eed;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const junk = 'AZaz09-_.&=%<>"\'#/\\ \u00e9\u2028v1';
    const mutate = (s: string): string => {
      const at = rnd(s.length);
      switch (rnd(6)) {
        case 0:
          return s.slice(0, at); // cut
        case 1:
          return s.slice(0, at) + s.slice(at + 1 + rnd(8)); // delete
        case 2:
          return s.slice(0, at) + junk[rnd(junk.length)]! + s.slice(at + 1); // replace
        case 3:
          return s.slice(0, at) + junk[rnd(junk.length)]! + s.slice(at); // insert
        case 4:
          return `${s}&${['cursor', 'view', 'present', 'hash', 'policyB', 'zzz'][rnd(6)]!}=${junk.slice(rnd(junk.length))}`;
        default:
          return s.replace(/^v1/, ['v0', 'v9', 'V1', 'v', ''][rnd(5)]!);
      }
    };
    let diagnosed = 0;
    let opened = 0;
    let shown = false;
    let previous = '';
    for (let k = 0; k < 1000; k++) {
      const text = mutate(rnd(4) === 0 ? mutate(g.link) : g.link);
      // Set it as a user would; the browser may percent-encode some characters, so the
      // expectation is computed from what the page then reads back.
      const { hash, seq } = await page.evaluate((t) => {
        const el = document.querySelector('[data-testid="link-diagnostic"]');
        const before = Number(el?.getAttribute('data-seq') ?? -1);
        location.hash = t;
        return { hash: location.hash, seq: before };
      }, text);
      if (hash === previous) continue; // no hashchange: nothing new to show
      previous = hash;
      const expected = readLink(hash);
      const diag = page.getByTestId('link-diagnostic');
      if (expected.kind === 'error') {
        const what = `mutation ${k}: …${hash.slice(-48)}`;
        if (shown && seq >= 0) await expect(diag, what).toHaveAttribute('data-seq', String(seq + 1));
        else await expect(diag, what).toBeVisible();
        await expect(page.getByTestId('link-problem'), what).toHaveText(expected.diagnostic.problem);
        shown = true;
        diagnosed++;
      } else if (expected.kind === 'link') {
        await expect(diag, `mutation ${k} opens`).toHaveCount(0);
        shown = false;
        opened++;
      }
    }
    expect(diagnosed).toBeGreaterThan(900);
    expect(opened + diagnosed).toBeLessThanOrEqual(1000);
    expect(errors).toStrictEqual([]);
  });
});

/**
 * The speaker notes in talk mode fit the screen: every talk key is a clicker's step key, so a note
 * cut off at the bottom of its box could only be read with a mouse. At 1280×720 (a common
 * conference projector) and 1920×1080 the library's longest notes fit whole, with the "Next:"
 * line; on a smaller screen a note that cannot fit says so and Shift+↓ / Shift+↑ scroll it. The
 * speaker-notes window (W) keeps its note and its step buttons on one screen too.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { longestLibraryNotes, presentLibrary } from './fixtures/talkHelpers.ts';
import type { NoteAt } from './fixtures/talkHelpers.ts';

declare function getComputedStyle(el: unknown): { fontSize: string };

interface Scroller {
  scrollHeight: number;
  clientHeight: number;
  scrollTop: number;
}

interface Box {
  getBoundingClientRect(): { top: number; bottom: number; height: number };
}

const longest = longestLibraryNotes();
const CASES: { what: string; at: Omit<NoteAt, 'chars'> }[] = [
  { what: 'the rfc-problem intro', at: { name: 'rfc-problem', cursor: 0, length: 12 } },
  { what: 'exit-while-bound step 3', at: { name: 'exit-while-bound', cursor: 3, length: 10 } },
  { what: `the longest intro (${longest.intro.name})`, at: longest.intro },
  { what: `the longest step note (${longest.step.name} step ${longest.step.cursor})`, at: longest.step },
].filter(({ at }, i, all) => all.findIndex((c) => c.at.name === at.name && c.at.cursor === at.cursor) === i);

/** How much of the box's text is out of sight (0 when it all fits). */
const hidden = (box: Locator) => box.evaluate((el) => (el as Scroller).scrollHeight - (el as Scroller).clientHeight);
const fontPx = (el: Locator) => el.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
const height = (el: Locator) => el.evaluate((e) => (e as Box).getBoundingClientRect().height);

async function footerBelowTitle(page: Page): Promise<void> {
  const titleBottom = await page
    .getByRole('heading', { level: 1 })
    .evaluate((el) => (el as Box).getBoundingClientRect().bottom);
  await expect
    .poll(() => page.getByRole('contentinfo').evaluate((el) => (el as Box).getBoundingClientRect().top))
    .toBeGreaterThanOrEqual(titleBottom);
}

test.describe('speaker notes fit the screen', () => {
  for (const [width, height_] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test.describe(`at ${width}×${height_}`, () => {
      test.use({ viewport: { width, height: height_ } });
      for (const { what, at } of CASES) {
        test(`${what} is readable whole, with the Next: line, in at most half the screen`, async ({ page }) => {
          await presentLibrary(page, at);
          const notes = page.getByTestId('speaker-notes');
          await expect(page.getByTestId('talk-note')).toBeVisible();
          await expect.poll(() => hidden(notes)).toBeLessThanOrEqual(0);
          await expect(page.getByTestId('notes-more')).toHaveCount(0);
          // In sight, not clipped by the notes' box (the check intersects every scrolling ancestor).
          await expect(page.getByTestId('talk-next')).toBeInViewport({ ratio: 1 });
          await expect(page.getByTestId('talk-next')).toContainText('Next:');
          expect(await fontPx(page.getByTestId('talk-note'))).toBeGreaterThanOrEqual(16);
          expect(await height(page.getByRole('contentinfo'))).toBeLessThanOrEqual(0.5 * height_ + 1);
          if (at.cursor === 0) await footerBelowTitle(page);
        });
      }
    });
  }

  test.describe('at 640×360 (1280×720 at 200% zoom)', () => {
    test.use({ viewport: { width: 640, height: 360 } });
    test('a note that cannot fit says so; Shift+↓ / Shift+↑ scroll it, and the clicker still steps', async ({
      page,
    }) => {
      await presentLibrary(page, { name: 'rfc-problem', cursor: 0, length: 12 });
      const notes = page.getByTestId('speaker-notes');
      const more = page.getByTestId('notes-more');
      await expect(more).toHaveText(/more below · Shift\+↓/);
      await expect(more).toBeInViewport({ ratio: 1 });
      expect(await height(page.getByRole('contentinfo'))).toBeLessThanOrEqual(0.5 * 360 + 1);
      await footerBelowTitle(page);
      expect(await fontPx(page.getByTestId('talk-note'))).toBeGreaterThanOrEqual(16);
      const top = () => notes.evaluate((el) => (el as Scroller).scrollTop);
      expect(await top()).toBe(0);
      await page.keyboard.press('Shift+ArrowDown');
      await expect.poll(top).toBeGreaterThan(0);
      for (let i = 0; i < 20 && !/end of the notes/.test((await more.textContent()) ?? ''); i++) {
        await page.keyboard.press('Shift+ArrowDown');
      }
      await expect(more).toHaveText(/end of the notes · Shift\+↑/);
      await expect(page.getByTestId('talk-next')).toBeInViewport({ ratio: 1 });
      // Scrolling the notes is not a step.
      await expect(page.getByTestId('talk-cursor')).toHaveText('Step 0 / 12');
      for (let i = 0; i < 20 && (await top()) > 0; i++) await page.keyboard.press('Shift+ArrowUp');
      await expect.poll(top).toBe(0);
      await page.keyboard.press('ArrowDown');
      await expect(page.getByTestId('talk-cursor')).toHaveText('Step 1 / 12');
    });
  });

  test('the notes window keeps the longest intro, the next step and its buttons on one screen', async ({
    page,
    context,
  }) => {
    await presentLibrary(page, longest.intro);
    const opened = context.waitForEvent('page');
    await page.keyboard.press('w');
    const notesPage = await opened;
    // The popup asks for 960×720; the browser's own bars leave less.
    await notesPage.setViewportSize({ width: 960, height: 620 });
    await expect(notesPage.getByTestId('notes-cursor')).toHaveText(`Step 0 / ${longest.intro.length}`);
    await expect(notesPage.getByTestId('notes-note')).toBeVisible();
    await expect(notesPage.getByRole('button', { name: 'Next ▶' })).toBeInViewport({ ratio: 1 });
    await expect(notesPage.getByRole('region', { name: 'Next step' })).toBeInViewport({ ratio: 1 });
    await expect.poll(() => hidden(notesPage.getByTestId('notes-body'))).toBeLessThanOrEqual(0);
    await expect(notesPage.getByTestId('notes-more')).toHaveCount(0);
    expect(await fontPx(notesPage.getByTestId('notes-note'))).toBeGreaterThanOrEqual(18);
    // Too small for even 18 px type: the note says so, and Shift+↓ scrolls it without stepping.
    await notesPage.setViewportSize({ width: 640, height: 360 });
    const more = notesPage.getByTestId('notes-more');
    await expect(more).toHaveText(/more below · Shift\+↓/);
    await expect(notesPage.getByRole('button', { name: 'Next ▶' })).toBeInViewport({ ratio: 1 });
    const top = () => notesPage.getByTestId('notes-body').evaluate((el) => (el as Scroller).scrollTop);
    await notesPage.keyboard.press('Shift+ArrowDown');
    await expect.poll(top).toBeGreaterThan(0);
    await expect(page.getByTestId('talk-cursor')).toHaveText(`Step 0 / ${longest.intro.length}`);
    await notesPage.keyboard.press('PageDown');
    await expect(page.getByTestId('talk-cursor')).toHaveText(`Step 1 / ${longest.intro.length}`);
  });
});

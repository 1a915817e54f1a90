import { expect, test } from '../fixtures.ts';
import { golden, withSettings } from '../fixtures/linkHelpers.ts';
import { ViewsPage } from '../pages/ViewsPage.ts';

test.use({ reducedMotion: 'reduce' });

test.describe('live views on the RFC problem (SMMUv3)', () => {
  test('@smoke binding a process changes the right PASID cell', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.pasids);
    await views.mode(views.pasids, 'table');
    await expect(views.pasids.getByText('No entries.')).toBeVisible();

    await views.stepTo(1, 12);
    await expect(views.row('pasid-table', /^1/)).toContainText("P1's mm");
    await expect(views.row('pasid-table', /^1/)).toContainText('changed');

    await views.stepTo(3, 12);
    await expect(views.row('pasid-table', /^3/)).toContainText("P3's mm");
    await expect(views.row('pasid-table', /^3/)).toContainText('changed');
    await expect(views.row('pasid-table', /^1/)).not.toContainText('changed');
    await expect(views.pasids.getByTestId('pasid-step')).toHaveText("This step: PASID 3 → P3's mm");

    // Hover PASID 3 on the grid: Z-order puts it at cell (1, 1) of the fitted 8 × 8 block.
    await views.mode(views.pasids, 'diagram');
    // The legend says so, or a row reading 0 1 4 5 16… looks like missing PASIDs.
    await expect(views.pasids.getByTestId('grid-order')).toContainText('Z-order from the top left: 0 1 over 2 3');
    const box = (await views.grid().boundingBox())!;
    const k = Math.min((box.width - 24) / 8, (box.height - 24) / 8);
    await views.grid().hover({ position: { x: 12 + 1.5 * k, y: 12 + 1.5 * k } });
    await expect(sandbox.page.getByTestId('grid-tooltip')).toHaveText("PASID 3: P3's mm");
  });

  test('after a step back or a jump, "this step" is the current step, as after a step forward', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.pasids);
    await views.mode(views.pasids, 'table');
    const caption = views.pasids.getByTestId('pasid-step');
    await expect(caption).toHaveText('No step has run yet.');
    await views.stepTo(4, 12);
    await expect(caption).toHaveText('This step changed no global PASID.'); // bind accel0 ← P4: ENOSPC
    // Back to step 2 (bind nic0 ← P2): the frame spans two steps back, yet step 2's own change is
    // shown (it used to say nothing, or to claim the PASIDs of every step the frame spanned).
    await views.seekTo(2, 12);
    await expect(caption).toHaveText("This step: PASID 2 → P2's mm");
    await expect(views.row('pasid-table', /^2/)).toContainText('changed');
    await expect(views.row('pasid-table', /^1/)).not.toContainText('changed');
    await views.stepTo(3, 12);
    await expect(caption).toHaveText("This step: PASID 3 → P3's mm");
    await expect(views.row('pasid-table', /^3/)).toContainText('changed');
    // A jump forward over five steps: only the last one's change (bind nic0 ← P5, PASID 4).
    await views.seekTo(8, 12);
    await expect(caption).toHaveText("This step: PASID 4 → P5's mm");
    await expect(views.row('pasid-table', /^4/)).toContainText('changed');
    await expect(views.row('pasid-table', /^3/)).not.toContainText('changed');
  });

  test('at step 3 PASID spaces and Bindings show what step 3 changed, after Back and from a link', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    const views = new ViewsPage(page);
    const caption = views.pasids.getByTestId('pasid-step');
    // Each view is checked on screen: one scrolled away keeps its last picture until it is back.
    const expectStep3 = async (how: string): Promise<void> => {
      await views.show(views.pasids);
      await expect(caption, how).toHaveText("This step: PASID 3 → P3's mm");
      await views.show(views.bindings);
      await expect(views.bindingNode('pasid:3'), how).toContainText('● ');
      await expect(views.bindingNode('dev:nic0'), how).toContainText('● 3 → P3');
      await expect(views.bindingNode('pasid:1'), how).not.toContainText('●');
    };
    await sandbox.open();
    await views.show(views.pasids);
    await views.stepTo(3, 12);
    await expectStep3('stepped forward to 3');
    await views.show(views.pasids);
    await views.stepTo(4, 12);
    await expect(caption).toHaveText('This step changed no global PASID.');
    await page.getByRole('button', { name: '◀ Back' }).click();
    await expect(sandbox.cursor).toHaveText('3 / 12');
    await expectStep3('back from 4');

    await page.goto(`/?e2e#${withSettings(golden.links[0]!, { cursor: 3 })}`);
    await expect(sandbox.cursor).toHaveText('3 / 12');
    await expectStep3('a link at cursor=3');
  });

  test('a view just off screen catches up once stepping pauses', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.pasids);
    await views.mode(views.pasids, 'table');
    // Just above the window the PASID spaces are off screen but near: they skip steps that come
    // back to back and follow once stepping pauses (ViewSlot).
    await views.justAbove(views.pasids);
    await expect(views.pasids).not.toBeInViewport();
    await views.stepTo(1, 12);
    await expect(views.row('pasid-table', /^1/)).toContainText("P1's mm");
    await expect(views.pasids.getByTestId('pasid-step')).toHaveText("This step: PASID 1 → P1's mm");
    await expect(views.pasids).not.toBeInViewport();
  });

  test('a view far below the window catches up once stepping has paused', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    // At the top of the page the queues view is far below the window (ViewSlot's FAR_QUIET_MS):
    // a run of steps costs it nothing, but its text is current soon after the steps stop.
    await expect(views.queues).not.toBeInViewport();
    await views.stepTo(2, 12);
    await expect(views.queues).toContainText('Step 2 of 12: bind nic0 P2');
    await expect(views.queues).not.toBeInViewport();
  });

  test('the playback bar stays on screen over a view, and a view scrolled to stops below it', async ({ sandbox }) => {
    const { page } = sandbox;
    const views = new ViewsPage(page);
    await sandbox.open();
    await views.smmu.evaluate((el) =>
      (el as unknown as { scrollIntoView(o: { block: string }): void }).scrollIntoView({ block: 'start' })
    );
    const bar = page.getByRole('navigation', { name: 'Playback' });
    await expect(bar).toBeInViewport();
    await expect(sandbox.cursor).toBeInViewport();
    await page.getByTestId('step-button').click();
    await expect(sandbox.cursor).toHaveText('1 / 12');
    await expect(views.smmu).toBeInViewport();
    // The page's scroll padding follows the bar: the view's heading is not hidden under it.
    await expect(async () => {
      const b = (await bar.boundingBox())!;
      const v = (await views.smmu.boundingBox())!;
      expect(b.y).toBeLessThanOrEqual(1);
      expect(v.y).toBeGreaterThanOrEqual(b.y + b.height);
    }).toPass();
  });

  test('the view being read stays in place while the views above it grow', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.bindings);
    const head = views.bindings.getByRole('heading', { level: 3 });
    const y0 = (await head.boundingBox())!.y;
    await views.stepTo(5, 12);
    // The SMMUv3 view above has grown with the binds and caught up (once stepping paused).
    await expect(views.card('smmu0:CD[1][1]')).toContainText("P1's mm");
    const y = async (): Promise<number> => Math.round((await head.boundingBox())!.y - y0);
    await expect.poll(y).toBeGreaterThanOrEqual(-3);
    await expect.poll(y).toBeLessThanOrEqual(3);
  });

  test('the per-device strips mark accel0 and its range', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.pasids);
    await views.stepTo(5, 12);
    const strip = sandbox.page.locator('[data-testid="device-strip"][data-group="grp:accel0"]');
    await expect(strip).toContainText('usable 1–3');
    await expect(strip.getByTestId('strip-entry')).toHaveCount(1);
    await expect(strip).toContainText('1:P1');
    await expect(views.pasids).toBeVisible();
  });

  test('the SMMUv3 view walks STE → CD and highlights what the bind wrote', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.smmu);
    await views.stepTo(5, 12);
    const cd = views.card('smmu0:CD[1][1]');
    await expect(cd).toHaveAttribute('data-state', 'changed');
    await expect(cd).toContainText("P1's mm");
    await expect(views.card('smmu0:STE[1]')).toContainText('5 · S1 translate');
    await expect(views.card('smmu0:STE[1]')).toContainText('2 · 4 CDs');
    await expect(views.card('smmu0:L1CD[0][0]')).toContainText('SSIDs 0–1023');
    await expect(views.card('smmu0:CD[0][2]')).toHaveAttribute('data-state', 'normal');

    await views.mode(views.smmu, 'table');
    await sandbox.page.getByTestId('smmu-tab-cd').click();
    const row = views.row('smmu-table-cd', 'CD[1][1]');
    await expect(row).toContainText("P1's mm");
    await expect(row).toContainText('changed');
    await expect(views.row('smmu-table-cd', /CD\[/)).toHaveCount(6);

    await views.stepTo(10, 12); // unbind nic0 P2 clears CD[2] of nic0
    await expect(views.row('smmu-table-cd', 'CD[0][2]')).toContainText('cleared');
    await views.mode(views.smmu, 'diagram');
    await expect(views.card('smmu0:CD[0][2]')).toHaveAttribute('data-state', 'ghost');
  });

  test('the queues list the step’s commands newest first and link to the entry', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.queues);
    await views.stepTo(1, 12);
    const cmdq = views.queue('cmdq');
    await expect(cmdq.getByTestId('queue-entry')).toHaveCount(6);
    await expect(cmdq.getByTestId('queue-entry').first()).toContainText('#8');
    await expect(cmdq.getByTestId('queue-entry').first()).toContainText('SYNC');
    await expect(cmdq).toContainText('ATC_INV');

    await views.stepTo(7, 12); // DMA with SSID 3 on accel0: C_BAD_CD
    const evtq = views.queue('evtq');
    await expect(evtq.getByTestId('queue-entry')).toHaveText(/C_BAD_CD.*sid=1 ssv ssid=3/);
    await views.stepTo(8, 12);
    // Each row's link names its row: the CFGI_CD and SYNC rows both lead to CD[0][4].
    const links = cmdq.getByRole('button', { name: /show CD\[0\]\[4\] in the tables/ });
    const names = await Promise.all((await links.all()).map((l) => l.getAttribute('aria-label')));
    expect(names.length).toBeGreaterThan(1);
    expect(new Set(names).size).toBe(names.length);
    await links.first().click();
    await views.show(views.smmu);
    await expect(views.card('smmu0:CD[0][4]')).toHaveAttribute('data-focused', 'true');
  });

  test('the bindings view links processes, PASIDs and devices', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await views.show(views.bindings);
    await views.stepTo(5, 12);
    await expect(views.bindingNode('pasid:1')).toBeVisible();
    await expect(views.bindingNode('dev:accel0')).toContainText('1 → P1');
    await expect(views.bindingNode('dev:nic0')).toContainText('3 → P3');
    await views.mode(views.bindings, 'table');
    await expect(views.row('bindings-table', 'accel0')).toContainText('P1');
  });

  test('the statechart follows a bind and an unbind', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open();
    await sandbox.deviceCard('nic0').click();
    await sandbox.page.getByTestId('proc-row-P2').getByRole('button').first().click();
    await views.show(views.chart);
    await views.stepTo(2, 12); // bind nic0 P2
    await expect(views.chart.getByTestId('chart-active')).toHaveText('Active: bound');
    await expect(views.chart.locator('[data-state="bond.bound"]')).toHaveAttribute('data-active', 'true');
    await views.stepTo(10, 12); // unbind nic0 P2
    await expect(views.chart.getByTestId('chart-active')).toHaveText('Active: unbound');
    await expect(views.chart.getByTestId('chart-last')).toHaveText('Last transition: bound → unbound');
    await expect(views.chart.locator('[data-state="bond.unbound"]')).toHaveAttribute('data-active', 'true');
  });
});

test.describe('live views on VT-d scenarios', () => {
  test('the VT-d view walks context → PASID directory → PASID table', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open('reserved-dma-pasid-2021', 12);
    await views.show(views.vtd);
    await views.stepTo(2, 12); // attach the default domain at PASID 1
    const p1 = views.card('dmar0:PASIDTE[00:01.0][1]');
    await expect(p1).toHaveAttribute('data-state', 'changed');
    await expect(p1).toContainText('default DMA domain');
    await expect(views.card('dmar0:CTX[00:01.0]')).toContainText('PASIDE');
    await expect(views.card('dmar0:PASIDDIR[00:01.0][0]')).toContainText('PASIDs 0–63');

    await views.stepTo(6, 12); // P1 binds: PASID 2, first-stage, DID 1
    const p2 = views.card('dmar0:PASIDTE[00:01.0][2]');
    await expect(p2).toContainText("P1's mm");
    await expect(p2).toContainText('1 · FLPT_DEFAULT');
    await expect(p2).toContainText('1 · first-stage');

    await views.mode(views.vtd, 'table');
    await sandbox.page.getByTestId('vtd-tab-pte').click();
    await expect(views.row('vtd-table-pte', 'PASIDTE[00:01.0][2]')).toContainText("P1's mm");
    await expect(views.row('vtd-table-pte', /PASIDTE/)).toHaveCount(3);

    await views.stepTo(10, 12); // detach PASID 1: cleared, then flushed
    await expect(views.row('vtd-table-pte', 'PASIDTE[00:01.0][1]')).toContainText('cleared');
    await views.show(views.queues);
    await expect(views.queue('iq')).toContainText('PC');
    await expect(views.queue('iq')).toContainText('P_IOTLB');
  });

  test('ENQCMD: thread MSRs load lazily and go stale after unbind', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open('enqcmd-lazy-msr', 12);
    await views.show(views.bindings);
    await views.stepTo(3, 12);
    const p1 = views.bindingNode('proc:P1');
    await expect(p1).toContainText('T0 1');
    await expect(p1).toContainText('T1 –');
    await views.stepTo(8, 12);
    await expect(p1).toContainText('stale MSR');
    await views.show(views.queues);
    await expect(views.queue('frcd')).toContainText('VTD_0x59');
    await expect(
      views.queue('frcd').getByRole('button', { name: /show PASIDTE\[00:01\.0\]\[1\] in the tables/ })
    ).toBeVisible();
  });
});

test.describe('breaking STE/CD updates', () => {
  test('a CD switched through V=0 is called out in the SMMUv3 view and the queues', async ({ sandbox }) => {
    const views = new ViewsPage(sandbox.page);
    await sandbox.open('rid-detach.json', 14);
    await views.show(views.smmu);
    await views.stepTo(2, 14);
    await expect(views.smmu.getByTestId('breaking-update')).toHaveCount(0);
    // attach_dev dev0 u1: CD[0][0] changes ASID (word 0) and TTB0 (word 1), so it goes through V=0.
    await views.stepTo(3, 14);
    await expect(views.smmu.getByTestId('breaking-update')).toContainText('Breaking update of CD[0][0]');
    // bind: a fresh SVA CD is filled hitlessly.
    await views.stepTo(4, 14);
    await expect(views.smmu.getByTestId('breaking-update')).toHaveCount(0);

    await views.seekTo(3, 14);
    await views.show(views.queues);
    const writes = views.queue('writes').getByTestId('queue-entry');
    await expect(writes).toHaveCount(3);
    for (const w of await writes.all()) await expect(w).toContainText('breaking update');
  });
});

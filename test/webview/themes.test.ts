import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { makeRunRecord } from './fixtures';
import { PanelHarness, type PanelPage } from './harness';
import { RUN_FILE } from './queries';
import type { ThemeName } from './themes';

const SCREENSHOTS = path.resolve(__dirname, '../../media/screenshots');

function cssColor(page: PanelPage, selector: string, property: 'color' | 'backgroundColor'): Promise<string> {
  return page.page.$eval(selector, (node, prop) => getComputedStyle(node)[prop], property);
}

describe('the run panel’s themes and layout', () => {
  let harness: PanelHarness;
  const record = makeRunRecord({ steps: 12 });

  before(async () => {
    harness = await PanelHarness.start();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await harness.stop();
  });

  const expected: Record<ThemeName, { background: string; button: string }> = {
    light: { background: 'rgb(255, 255, 255)', button: 'rgb(0, 95, 184)' },
    dark: { background: 'rgb(31, 31, 31)', button: 'rgb(0, 120, 212)' },
  };

  for (const theme of ['light', 'dark'] as const) {
    it(`follows VS Code’s ${theme} theme variables (screenshot media/screenshots/panel-${theme}.png)`, async () => {
      const panel = await harness.open({ theme, width: 1100, height: 860 });
      await panel.send({ type: 'run/show', record, isLive: false, runFile: RUN_FILE });
      assert.equal(await cssColor(panel, 'body', 'backgroundColor'), expected[theme].background);
      assert.equal(await cssColor(panel, '.details button[data-action="insert"]', 'backgroundColor'), expected[theme].button);
      await panel.page.screenshot({ path: path.join(SCREENSHOTS, `panel-${theme}.png`) });
      assert.deepEqual([await panel.violations(), panel.problems], [[], []]);
      await panel.page.close();
    });
  }

  it('redraws the chart in the new colors when the theme changes', async () => {
    const panel = await harness.open({ theme: 'dark' });
    await panel.send({ type: 'run/show', record, isLive: false });
    const canvasBefore = await panel.page.$('.chart-plot canvas');
    await panel.setTheme('light');
    const canvasAfter = await panel.page.$('.chart-plot canvas');
    assert.equal(await panel.page.locator('.chart-plot canvas').count(), 1);
    assert.equal(await canvasBefore?.evaluate((c) => c.isConnected), false, 'the old chart is gone');
    assert.equal(await canvasAfter?.evaluate((c) => c.isConnected), true);
    await panel.page.close();
  });

  it('stays usable at a narrow width: nothing overflows the page and every Insert button is in view', async () => {
    const panel = await harness.open({ width: 360, height: 800 });
    await panel.send({ type: 'run/show', record, isLive: false });
    const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    const box = await panel.page.locator('.candidates-table button[data-action="insert"]').first().boundingBox();
    assert.ok(box !== null && box.x >= 0 && box.x + box.width <= 360, 'the first Insert button is within the width');
    assert.equal(await panel.page.isVisible('.candidates-table .col-length'), false, 'secondary columns are hidden');
    await panel.page.close();
  });
});

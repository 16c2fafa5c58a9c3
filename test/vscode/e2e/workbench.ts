import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { ROOT } from './codeServer';

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const README_SHOTS = join(ROOT, 'media', 'screenshots');

export function log(message: string): void {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Deletes this test's screenshots from an earlier run (other suites' screenshots stay). */
export function clearScreenshots(): void {
  for (const name of existsSync(SCREENSHOTS) ? readdirSync(SCREENSHOTS) : []) {
    if (name.startsWith('e2e-')) {
      rmSync(join(SCREENSHOTS, name));
    }
  }
}

/** Saves a screenshot of the stage under test-results/screenshots/ (and media/screenshots/ when `isForReadme`). */
export async function screenshot(page: Page, name: string, isForReadme = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `e2e-${name}.png`);
  await page.screenshot({ path: file });
  if (isForReadme) {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(file, join(README_SHOTS, `e2e-${name}.png`));
  }
  log(`screenshot ${file}`);
}

/** Waits until the workbench has restored its parts and the extension host is up. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.part.statusbar', { timeout: 90_000 });
  await page.waitForSelector('.part.activitybar, .part.sidebar', { timeout: 90_000 });
}

/** Runs a command from the palette (F1) by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with Quick Open. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 30_000 });
}

/** Selects the first match of `text` in the active editor (find, then Escape keeps the match selected). */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+F');
  const find = page.locator('.find-widget textarea, .find-widget input').first();
  await find.waitFor({ state: 'visible', timeout: 10_000 });
  await find.fill(text);
  await page.locator('.find-widget .matchesCount', { hasText: /^1 of \d+$/ }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  const widget = page.locator('.find-widget.visible');
  if (await widget.count()) {
    await widget.locator('.codicon-widget-close').first().click();
  }
  await page.locator('.find-widget.visible').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

/** A quick pick row, once the quick pick titled `title` is open. */
export async function quickPickRow(page: Page, title: string, rowText: string): Promise<Locator> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  await row.waitFor({ timeout: 30_000 });
  return row;
}

/** A notification toast whose text matches. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/**
 * The frame of the run panel's webview (outer `iframe.webview`, inner `#active-frame`) that shows
 * `selector`. Polls every frame: VS Code swaps the inner frame while a webview loads or re-renders.
 */
export async function panelFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame !== page.mainFrame() && (await frame.locator(selector).count().catch(() => 0)) > 0) {
        return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame shows ${selector} after ${timeoutMs / 1000} s`);
}

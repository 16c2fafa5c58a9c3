// End-to-end: a real VS Code (code-server) in headless Chromium, driven like a user. Opens the
// example workspace, selects the prompt in src/app.ts, runs "OPRO: Optimize Prompt" from the
// palette, picks the dataset, watches the progress notification, inserts the winner from the panel,
// saves, and checks that the file still parses and holds the winner. Screenshots of each stage go to
// test-results/screenshots/ (and media/screenshots/ for the README).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { readRunRecord } from '../../../src/core/engine';
import { bestCandidate } from '../../../src/core/ranking';
import type { RunRecord } from '../../../src/core/runRecord';
import { startFakeLlmServer } from '../../support/fakeLlmServer';
import { typescriptAssignedValue } from '../../unit/extension/literals/parsers';
import { ROOT, startCodeServer, VSCODE_TEST, writeWorkspaceSettings } from './codeServer';
import { clearScreenshots, log, openFile, panelFrame, quickPickRow, runCommand, screenshot, selectText, toast, waitForWorkbench } from './workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chromiumPath, CHROMIUM_ARGS } = require('../../../scripts/vscode-harness/chromium.js') as { chromiumPath: () => string; CHROMIUM_ARGS: string[] };

const PROMPT = 'Solve the arithmetic problem and reply with the result.';
const STEPS = 3;

async function savedRun(workspace: string): Promise<RunRecord> {
  const runs = readdirSync(join(workspace, '.opro', 'runs')).filter((name) => name.endsWith('.json'));
  assert.equal(runs.length, 1, `one run saved, found ${runs.join(', ')}`);
  return readRunRecord(join(workspace, '.opro', 'runs', runs[0]!));
}

async function scenario(page: Page, workspace: string): Promise<void> {
  await waitForWorkbench(page);
  await openFile(page, 'app.ts');
  await selectText(page, PROMPT);
  await screenshot(page, '1-prompt-selected');

  await runCommand(page, 'OPRO: Optimize Prompt');
  const dataset = await quickPickRow(page, 'OPRO: Dataset to score the prompt on', 'data/arithmetic.jsonl');
  await screenshot(page, '2-dataset-pick', true);
  await dataset.click();
  const position = await quickPickRow(page, 'OPRO: Where does this prompt go?', 'Before each input');
  await position.click();

  // The notification reads "step i/N · best 63% · 412 calls · 51k tokens"; shoot it mid-run with the panel filled.
  // A fast run may finish before a later step's notification is caught, so the finished toast counts too.
  const progress = toast(page, new RegExp(`step [1-${STEPS}]/${STEPS} · best \\d+% · \\d+ calls · [\\d.]+[kM]? tokens`)).or(toast(page, 'OPRO finished'));
  await progress.first().waitFor({ timeout: 60_000 });
  await panelFrame(page, 'tbody tr[data-id]');
  log(`progress: ${(await progress.first().innerText()).replace(/\s+/g, ' ')}`);
  await screenshot(page, '3-progress', true);

  const finished = toast(page, 'OPRO finished');
  await finished.waitFor({ timeout: 120_000 });
  const panel = await panelFrame(page, 'tbody tr[data-id]');
  const firstRow = panel.locator('tbody tr[data-id]').first();
  await screenshot(page, '4-panel', true);

  const record = await savedRun(workspace);
  assert.equal(record.status, 'finished');
  const best = bestCandidate(record.candidates)!;
  assert.equal(await firstRow.getAttribute('data-id'), best.id, 'the panel lists the best candidate first');
  assert.notEqual(best.instruction, PROMPT, 'the run found something better than the original');
  await firstRow.locator('button[data-action="insert"]').click();
  await page.locator('.tab.active.dirty[data-resource-name="app.ts"]').waitFor({ timeout: 30_000 });
  // The click left keyboard focus in the webview: focus the editor through its tab, then save.
  await page.locator('.tab[data-resource-name="app.ts"]').click();
  await page.keyboard.press('Control+S');
  await page.locator('.tab.dirty[data-resource-name="app.ts"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await page.locator('.tab[data-resource-name="app.ts"]').count(), 1, 'the insert reused the editor showing app.ts');

  const appFile = join(workspace, 'src', 'app.ts');
  const text = readFileSync(appFile, 'utf8');
  assert.equal(typescriptAssignedValue(appFile, text, 'ARITHMETIC_PROMPT'), best.instruction);
  log(`src/app.ts parses and holds the winner (${Math.round(best.score * 100)}%): ${best.instruction}`);
  await screenshot(page, '5-inserted', true);
}

/** What the probe extension got from activating OPRO in a normal (production) extension host: nothing. */
function checkApiProbe(file: string): void {
  const probe = JSON.parse(readFileSync(file, 'utf8')) as { probeMode: number; exported: unknown };
  assert.deepEqual(probe, { probeMode: 1, exported: null }, 'another extension gets no API from OPRO outside ExtensionMode.Test');
  log('another extension that activates OPRO gets undefined (ExtensionMode.Production)');
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = join(VSCODE_TEST, 'runs', `e2e-${Date.now()}`);
  const workspace = join(dir, 'ws');
  mkdirSync(dir, { recursive: true });
  clearScreenshots();
  cpSync(join(ROOT, 'examples', 'workspace'), workspace, { recursive: true });
  const fake = await startFakeLlmServer({ apiKey: 'test-key', latencyMs: 80 });
  writeWorkspaceSettings(workspace, {
    'opro.provider': 'openai',
    'opro.baseUrl': fake.url,
    'opro.scorerModel': 'fake-scorer',
    'opro.steps': STEPS,
    'opro.candidatesPerStep': 4,
    'opro.concurrency': 4,
  });
  // Another extension, installed beside OPRO, asks for its API: it must get nothing (no services, no key store).
  const probeOut = join(dir, 'api-probe.json');
  cpSync(join(ROOT, 'test', 'vscode', 'e2e', 'apiProbe'), join(dir, 'ext', 'opro-test.api-probe-0.0.1'), { recursive: true });
  const server = await startCodeServer({ dir, folder: workspace, env: { OPENAI_API_KEY: 'test-key', OPRO_API_PROBE_OUT: probeOut } });
  const profile = join(tmpdir(), `opro-e2e-${Date.now()}`);
  const browser = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, viewport: { width: 1600, height: 1000 } });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  let isOk = false;
  try {
    log(`code-server at ${server.url}, fake models at ${fake.url}`);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await scenario(page, workspace);
    checkApiProbe(probeOut);
    isOk = true;
  } finally {
    if (!isOk) {
      await screenshot(page, 'failure').catch(() => undefined);
      console.error(`code-server log: ${server.logFile}\nworkspace: ${workspace}\npage errors:\n  ${pageErrors.slice(0, 10).join('\n  ')}`);
    }
    await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
    await fake.close();
    if (isOk) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${fake.stats.requests} model requests)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

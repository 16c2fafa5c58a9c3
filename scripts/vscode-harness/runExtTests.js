#!/usr/bin/env node
// Runs an extension's integration tests (an extensionTestsPath module whose run() returns a Promise)
// inside the real extension host of a running code-server, opened in headless Chromium through
// playwright-core. Exit code = the tests' result (0 pass). The server must run with
// `--vscode-option enable-smoke-test-driver`, without which the built workbench ignores the
// extensionDevelopmentPath/extensionTestsPath it is given in the URL's `payload`.
//
// Usage: node runExtTests.js --server http://127.0.0.1:PORT --extensionDevelopmentPath /abs/ext
//          --extensionTestsPath /abs/out/index.js [--folder /abs/ws] [--timeout 600]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { chromium } = require('playwright-core');
const { chromiumPath, CHROMIUM_ARGS } = require('./chromium');

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const server = new URL(arg('server', 'http://127.0.0.1:8080'));
const devPaths = argv.flatMap((a, i) => (a === '--extensionDevelopmentPath' ? [path.resolve(argv[i + 1])] : []));
const testsPath = path.resolve(arg('extensionTestsPath'));
const folder = arg('folder');
const timeoutS = Number(arg('timeout', '600'));
// Workbench chatter that says nothing about the tests.
// Offline, the workbench also fails to reach the extension gallery (open-vsx.org) and cancels
// account lookups; neither concerns the tests. The workbench also logs, with a long stack, every
// error a language model provider returns: the tests provoke those on purpose (mocha reports failures).
const NOISE = /^(\[CHAT\] extension request ERRORED|Resolving|Resolved|Creating a socket|\[reconnection|Updating additional|\[Service Worker|\[AgentHost|\[AccountPolicyGate|%c|getaddrinfo ENOTFOUND open-vsx\.org|Canceled: Canceled|Timed out waiting for authentication provider|Creation of workbench contribution)/;

const remote = (p) => `vscode-remote://${server.host}${p}`;
const payload = [...devPaths.map((d) => ['extensionDevelopmentPath', remote(d)]), ['extensionTestsPath', remote(testsPath)]];
const url = `${server.origin}/?${folder ? `folder=${encodeURIComponent(folder)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;

async function main() {
  const started = Date.now();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'opro-ext-tests-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  const page = context.pages()[0] ?? (await context.newPage());
  // The workbench forwards the extension host's console (mocha's reporter) to codeAutomationLog.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const list = Array.isArray(args) ? args : [args];
    const line = typeof list[0] === 'string' ? util.format(...list) : list.map(String).join(' ');
    if (process.env.VERBOSE || !NOISE.test(line)) {
      (type === 'error' ? console.error : console.log)(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  page.on('pageerror', (err) => console.error('[workbench page error]', err.message));
  if (process.env.VERBOSE) {
    page.on('console', (m) => console.log('[page console]', m.text()));
  }
  const timer = setTimeout(() => {
    console.error(`TIMEOUT after ${timeoutS}s: the workbench never reported the tests' end (codeAutomationExit).`);
    finish(124);
  }, timeoutS * 1000);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const code = await done;
  clearTimeout(timer);
  if (code !== 0) {
    const shot = path.join(process.env.OPRO_SCREENSHOT_DIR ?? os.tmpdir(), 'ext-tests-failure.png');
    await page.screenshot({ path: shot }).then(() => console.error(`screenshot of the workbench: ${shot}`), () => undefined);
  }
  console.log(`extension tests finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await context.close().catch(() => undefined);
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});

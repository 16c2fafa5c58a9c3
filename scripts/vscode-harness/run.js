#!/usr/bin/env node
// `npm run test:vscode`: provisions a real VS Code (code-server, see provision.sh), builds the
// extension and the tests, runs the extension-host tests through @vscode/test-electron's runTests
// (with code-shim.sh standing in for the VS Code executable), then the `npm start --smoke` check and
// the end-to-end UI test.
//   --host-only / --e2e-only   run one part (--e2e-only includes the npm start check)
//   OPRO_VSCODE_EXECUTABLE=... a real VS Code to use instead of code-server (e.g. on a desktop)
//   OPRO_TEST_GREP=...         only the extension-host tests whose title matches
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { buildTests } = require('./buildTests');

const ROOT = path.resolve(__dirname, '../..');
const VT = process.env.OPRO_VSCODE_TEST_DIR ?? path.join(ROOT, '.vscode-test');
const args = process.argv.slice(2);
const wantHost = !args.includes('--e2e-only');
const wantE2e = !args.includes('--host-only');

function step(title) {
  const started = Date.now();
  console.log(`\n[test:vscode] ${title}`);
  return () => console.log(`[test:vscode] ${title}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function provision() {
  if (process.env.OPRO_VSCODE_EXECUTABLE && !wantE2e) {
    return;
  }
  const done = step('provisioning code-server, Node 24 and Chromium (cached in .vscode-test/)');
  execFileSync('bash', [path.join(__dirname, 'provision.sh')], { stdio: 'inherit' });
  done();
}

function buildExtension() {
  const done = step('building the extension (node esbuild.js)');
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, stdio: 'inherit' });
  for (const file of ['dist/extension.js', 'dist/webview/panel.js']) {
    if (!fs.existsSync(path.join(ROOT, file))) {
      throw new Error(`${file} was not built; check esbuild.js`);
    }
  }
  done();
}

/** Removes run folders older than an hour (kept after failures for diagnosis; another run may use newer ones). */
function pruneOldRuns() {
  const runs = path.join(VT, 'runs');
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const name of fs.existsSync(runs) ? fs.readdirSync(runs) : []) {
    const dir = path.join(runs, name);
    if (fs.statSync(dir).mtimeMs < cutoff) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A fresh copy of the example workspace for one test session. */
function freshWorkspace(name) {
  const ws = path.join(VT, 'runs', `${name}-${Date.now()}`);
  fs.cpSync(path.join(ROOT, 'examples', 'workspace'), ws, { recursive: true });
  return ws;
}

/**
 * A private extensions dir holding only the test-only language model provider (test/vscode/lmProvider,
 * built into out/, never packaged), copied in unpacked as an installed extension. code-server's
 * workbench keeps one extensionDevelopmentPath of its URL payload (a Map), so a second development
 * path is not an option there; and with nothing else in the dir, no other extension loads.
 */
function installTestExtension(built, dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(built, 'package.json'), 'utf8'));
  fs.cpSync(built, path.join(dir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  return dir;
}

async function runHostTests() {
  const { index, count, providerExtension } = await buildTests();
  const done = step(`extension-host tests (${count} files) in a real VS Code`);
  const ws = freshWorkspace('host');
  const udd = `${ws}-udd`;
  const extensionsDir = installTestExtension(providerExtension, `${ws}-ext`);
  const executable = process.env.OPRO_VSCODE_EXECUTABLE ?? path.join(__dirname, 'code-shim.sh');
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: index,
      launchArgs: [ws, `--user-data-dir=${udd}`, `--extensions-dir=${extensionsDir}`],
      extensionTestsEnv: { OPENAI_API_KEY: 'test-key', OPRO_TEST_WORKSPACE: ws, OPRO_SCREENSHOT_DIR: path.join(ROOT, 'test-results', 'screenshots') },
    });
    for (const dir of [ws, udd, extensionsDir]) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    done();
  }
}

/** `npm start -- --smoke`: the try-out starts, its workbench answers and lists the extension. */
function runStartSmoke() {
  const done = step('npm start --smoke (the one-command try-out)');
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts'), '--smoke'], { cwd: ROOT, stdio: 'inherit' });
  done();
  if (result.status !== 0) {
    throw new Error(`npm start --smoke failed (exit ${result.status ?? result.signal})`);
  }
}

function runE2e() {
  const done = step('end-to-end UI test (code-server in headless Chromium)');
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'vscode', 'e2e', 'optimizeE2e.ts')], { cwd: ROOT, stdio: 'inherit' });
  done();
  if (result.status !== 0) {
    throw new Error(`the end-to-end test failed (exit ${result.status ?? result.signal})`);
  }
}

async function main() {
  const started = Date.now();
  provision();
  pruneOldRuns();
  buildExtension();
  if (wantHost) {
    await runHostTests();
  }
  if (wantE2e) {
    runStartSmoke();
    runE2e();
  }
  console.log(`\n[test:vscode] all passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(`\n[test:vscode] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

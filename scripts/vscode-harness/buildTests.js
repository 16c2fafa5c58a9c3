// Bundles the VS Code tests (test/vscode/index.ts and test/vscode/suite/*.test.ts) into
// out/test-vscode/ for the extension host, and the test-only language model provider extension
// (test/vscode/lmProvider/) into out/test-lm-provider/, which the harness loads as a second
// extensionDevelopmentPath. vscode, mocha and typescript stay external. Nothing under out/ is packaged.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'out', 'test-vscode');
const PROVIDER_SRC = path.join(ROOT, 'test', 'vscode', 'lmProvider');
const PROVIDER_OUT = path.join(ROOT, 'out', 'test-lm-provider');

const COMMON = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning' };

async function buildTests() {
  const suite = path.join(ROOT, 'test', 'vscode', 'suite');
  const tests = fs.readdirSync(suite).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(suite, f));
  fs.rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'test', 'vscode', 'index.ts'), ...tests],
    outdir: OUT,
    external: ['vscode', 'mocha', 'typescript'],
  });
  return { index: path.join(OUT, 'index.js'), count: tests.length, providerExtension: await buildProviderExtension() };
}

/** The test-only provider extension as VS Code loads it: its package.json beside the bundled extension.js. */
async function buildProviderExtension() {
  fs.rmSync(PROVIDER_OUT, { recursive: true, force: true });
  await esbuild.build({ ...COMMON, entryPoints: [path.join(PROVIDER_SRC, 'extension.ts')], outfile: path.join(PROVIDER_OUT, 'extension.js'), external: ['vscode'] });
  fs.copyFileSync(path.join(PROVIDER_SRC, 'package.json'), path.join(PROVIDER_OUT, 'package.json'));
  return PROVIDER_OUT;
}

module.exports = { buildTests, OUT, PROVIDER_OUT };

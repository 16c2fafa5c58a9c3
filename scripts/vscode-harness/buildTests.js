// Bundles the VS Code tests (test/vscode/index.ts and test/vscode/suite/*.test.ts) into
// out/test-vscode/ for the extension host; vscode, mocha and typescript stay external.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'out', 'test-vscode');

async function buildTests() {
  const suite = path.join(ROOT, 'test', 'vscode', 'suite');
  const tests = fs.readdirSync(suite).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(suite, f));
  fs.rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test', 'vscode', 'index.ts'), ...tests],
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha', 'typescript'],
    logLevel: 'warning',
  });
  return { index: path.join(OUT, 'index.js'), count: tests.length };
}

module.exports = { buildTests, OUT };

// Builds every bundle: the extension and the CLI and the core library for Node (CommonJS), the
// panel for the browser. `--production` minifies, `--watch` rebuilds on change. Types are checked
// by `npm run typecheck` (esbuild only strips them).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: { panel: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    loader: { '.css': 'css' },
  },
];

async function main() {
  const fs = require('node:fs');
  const present = bundles.filter((b) => {
    const entries = Array.isArray(b.entryPoints) ? b.entryPoints : Object.values(b.entryPoints);
    return entries.every((e) => fs.existsSync(e));
  });
  const contexts = await Promise.all(present.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

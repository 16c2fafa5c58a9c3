import { runCli } from '../../src/cli/main';
import type { CliContext } from '../../src/cli/cliContext';

/** What one in-process `opro` invocation printed and returned. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  signal?: AbortSignal;
  /** Pretend stderr is a 200-column terminal (the progress bar redraws). @default false */
  isTTY?: boolean;
}

/** Runs the CLI in this process, capturing its output. */
export async function cli(args: string[], cwd: string, env: CliContext['env'] = {}, options: InProcessOptions = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { isTTY: options.isTTY === true, columns: 200, write: (t: string) => (stderr += t) },
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}

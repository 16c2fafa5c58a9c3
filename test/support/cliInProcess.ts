import { runCli } from '../../src/cli/main';
import type { CliContext } from '../../src/cli/cliContext';

/** What one in-process `opro` invocation printed and returned. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (no TTY), capturing its output. */
export async function cli(args: string[], cwd: string, env: CliContext['env'] = {}, signal = new AbortController().signal): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { isTTY: false, write: (t: string) => (stderr += t) },
    signal,
  });
  return { code, stdout, stderr };
}

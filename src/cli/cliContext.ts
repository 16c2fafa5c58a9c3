import type { Readable, Writable } from 'node:stream';
import type { CliEnv } from './runConfigFromFlags';
import type { ProgressOutput } from './progress';

/** What a CLI command may touch; tests pass their own. */
export interface CliContext {
  cwd: string;
  env: CliEnv;
  stdout: { write(text: string): unknown };
  stderr: ProgressOutput;
  signal: AbortSignal;
  /** The raw streams, for `opro mcp` (which speaks MCP on them); absent in tests of other commands. */
  io?: { stdin: Readable; stdout: Writable };
  /** Told the run file a command works on, as soon as it is known (the stall guard names it). */
  onRunFile?: (file: string) => void;
}

/** Exit codes: 0 done, 1 failed, 2 bad usage or input, 130 cancelled. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

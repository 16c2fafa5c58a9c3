import { EXIT } from './cliContext';

/** What the guard needs from the process (tests pass their own). */
export interface GuardedProcess {
  once(event: 'beforeExit', listener: () => void): unknown;
  exitCode?: number | string | null | undefined;
}

/**
 * Makes a silent exit mid-run impossible: should the event loop run out of work while `work` has
 * not settled (a run neither finished, cancelled nor failed), the process says so on stderr and
 * exits 1 instead of 0. `runFile()` names the run to resume, once a command has one.
 */
export function guardAgainstStall(
  work: Promise<unknown>,
  target: { process: GuardedProcess; stderr: { write(text: string): unknown }; runFile: () => string | undefined },
): void {
  let isSettled = false;
  work.then(
    () => (isSettled = true),
    () => (isSettled = true),
  );
  target.process.once('beforeExit', () => {
    if (isSettled) {
      return;
    }
    const file = target.runFile();
    const resume = file === undefined ? '' : ` What finished is saved; \`opro resume ${file}\` continues the run.`;
    target.stderr.write(`opro: internal error: the process ran out of work before the run finished, was cancelled or failed.${resume}\n`);
    target.process.exitCode = EXIT.failed;
  });
}

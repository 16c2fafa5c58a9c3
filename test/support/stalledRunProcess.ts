// Run as a child process by silentExit.test.ts: a "run" that will never settle and holds nothing
// that keeps the event loop alive, the shape of every silent exit 0. The guard must turn it into
// exit 1 with a message.
import { guardAgainstStall } from '../../src/cli/stallGuard';

const never = new Promise<void>(() => undefined);
guardAgainstStall(never, { process, stderr: process.stderr, runFile: () => '/tmp/run.json' });

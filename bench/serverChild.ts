import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FakeServerOptions, FakeServerStats } from '../test/support/fakeLlmServer';

/** The fake server's counters plus the CPU its process used since it started, in ms. */
export type ChildStats = Omit<FakeServerStats, 'answered'> & { cpuMs: number };

/** A fake server running in a child process. */
export interface ServerChild {
  readonly url: string;
  stats(): Promise<ChildStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  value: unknown;
}

/** Forks `fakeServerProcess.ts` under tsx and resolves once it listens. */
export function startServerChild(options: FakeServerOptions): Promise<ServerChild> {
  const child = fork(join(__dirname, 'fakeServerProcess.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const ask = (op: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ id, op });
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake server process exited early (code ${code ?? 'none'})`)));
    child.on('message', (raw: Reply) => {
      if (raw.id === 0) {
        resolve(handle(child, String(raw.value), ask));
        return;
      }
      pending.get(raw.id)?.(raw.value);
      pending.delete(raw.id);
    });
  });
}

function handle(child: ChildProcess, url: string, ask: (op: string) => Promise<unknown>): ServerChild {
  return {
    url,
    stats: async () => (await ask('stats')) as ChildStats,
    reset: async () => {
      await ask('reset');
    },
    close: async () => {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask('close');
      await exited;
    },
  };
}

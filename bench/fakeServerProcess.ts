// The suite's fake OpenAI-compatible server in its own process, so the bench process's CPU time is
// the engine's and the openai client's alone. Started by `serverChild.ts` with fork(); prints its URL.
// argv[2]: FakeServerOptions as JSON. IPC: { id, op: 'stats' | 'reset' | 'close' } → { id, value };
// `stats` includes the CPU ms this process used since it started or was last reset.
import { startFakeLlmServer, type FakeServerOptions } from '../test/support/fakeLlmServer';

interface Command {
  id: number;
  op: 'stats' | 'reset' | 'close';
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as FakeServerOptions;
  const server = await startFakeLlmServer(options);
  let cpuAtStart = process.cpuUsage();
  process.on('message', (raw: Command) => {
    const reply = (value: unknown): void => {
      process.send?.({ id: raw.id, value });
    };
    if (raw.op === 'stats') {
      // `answered` can hold 10 000 entries; the bench never needs them.
      const { answered: _answered, ...stats } = server.stats;
      const cpu = process.cpuUsage(cpuAtStart);
      reply({ ...stats, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (raw.op === 'reset') {
      server.resetStats();
      cpuAtStart = process.cpuUsage();
      reply(true);
    } else {
      void server.close().then(() => {
        reply(true);
        process.exit(0);
      });
    }
  });
  console.log(server.url);
  process.send?.({ id: 0, value: server.url });
}

void main();

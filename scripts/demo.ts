// `npm run demo`: a whole `opro optimize` run with no API key and no network. The model is the test
// suite's simulated OpenAI-compatible server on 127.0.0.1 (it answers "What is A + B?" questions
// better the more of four hint phrases the prompt holds), so what you see is the real engine, HTTP
// client, cache and run file at work on a toy task, not a real LLM.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakeLlmServer } from '../test/support/fakeLlmServer';

async function main(): Promise<void> {
  const server = await startFakeLlmServer({ latencyMs: 40 });
  const root = join(__dirname, '..');
  const args = [
    join(root, 'dist', 'cli.js'),
    'optimize',
    '--dataset', join(root, 'examples', 'workspace', 'data', 'arithmetic.jsonl'),
    '--prompt', 'Solve the problem.',
    '--scorer-model', 'simulated-scorer',
    '--optimizer-model', 'simulated-optimizer',
    '--validation', '0.2',
    '--out', join(root, '.opro', 'runs', 'demo.json'),
    '--cache-dir', join(root, '.opro', 'demo-cache'),
    ...process.argv.slice(2),
  ];
  process.stderr.write(`demo: simulated model at ${server.url} (not a real LLM)\n`);
  const child = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url },
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  await server.close();
  process.exitCode = code;
}

void main();

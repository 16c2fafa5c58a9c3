import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { RunRecord } from '../../../src/core/runRecord';
import { wilsonInterval } from '../../../src/core/stats/wilson';
import { buildCliBundle } from '../../support/cliProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { syntheticWorkspace, type SyntheticWorkspace } from '../../support/syntheticRun';
import { syntheticAccuracy } from '../../support/syntheticTask';

const KEY = 'sk-mcp-test-4f1e9a7c2b';
const WEAK = 'Solve.';
const STRONG = 'Solve step by step; double-check.';

interface TextResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

function textOf(result: TextResult): string {
  return result.content.map((part) => part.text ?? '').join('\n');
}

describe('opro mcp, as a subprocess speaking MCP over stdio', () => {
  let cli: string;
  let server: FakeServer;
  let ws: SyntheticWorkspace;
  let client: Client;
  let transport: StdioClientTransport;
  let stderr: string;

  before(async () => {
    cli = await buildCliBundle();
  });
  beforeEach(async () => {
    server = await startFakeLlmServer({ apiKey: KEY });
    ws = syntheticWorkspace(30);
    stderr = '';
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, 'mcp', '--scorer-model', 'fake-scorer', '--steps', '2', '--candidates', '4'],
      cwd: ws.dir,
      env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'opro-test', version: '1.0.0' });
    await client.connect(transport);
  });
  afterEach(async () => {
    await client.close();
    await server.close();
    assert.ok(!stderr.includes(KEY), 'the key never reaches the server log');
  });

  it('initializes as the opro server and lists four tools with closed JSON Schemas', async () => {
    assert.equal(client.getServerVersion()?.name, 'opro');
    assert.ok(client.getServerCapabilities()?.tools, 'tools capability');
    assert.match(client.getInstructions() ?? '', /95% intervals/);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['optimize', 'evaluate', 'resume', 'show-run']);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object');
      assert.equal((tool.inputSchema as { additionalProperties?: unknown }).additionalProperties, false, tool.name);
      assert.equal(tool.outputSchema?.type, 'object', tool.name);
      assert.ok(!JSON.stringify(tool.inputSchema).toLowerCase().includes('apikey'), `${tool.name} takes no key`);
    }
  });

  it('evaluates prompts: scores, counts and Wilson intervals as text and structuredContent', async () => {
    const result = (await client.callTool({ name: 'evaluate', arguments: { prompts: [WEAK, STRONG], dataset: 'arithmetic.jsonl' } })) as TextResult;
    assert.equal(result.isError, undefined, textOf(result));
    const expected = [WEAK, STRONG].map((instruction) => {
      const score = syntheticAccuracy(instruction, ws.rows);
      const correct = Math.round(score * 30);
      return { instruction, score, correct, total: 30, ci95: [...wilsonInterval(correct, 30)] };
    });
    const results = (result.structuredContent?.results as Record<string, unknown>[]).map(({ instruction, score, correct, total, ci95 }) => ({ instruction, score, correct, total, ci95 }));
    assert.deepEqual(results, expected);
    assert.match(textOf(result), /^1\. \d+\.\d% \(95% CI [\d.]+–[\d.]+%, \d+\/30\) on 30 rows of .*arithmetic\.jsonl\n```\nSolve\.\n```/);
  });

  it('optimizes with progress notifications, then shows and resumes the saved run', async () => {
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const optimized = (await client.callTool({ name: 'optimize', arguments: { prompt: WEAK, dataset: 'arithmetic.jsonl' } }, undefined, { onprogress: (p) => progress.push(p) })) as TextResult;
    assert.equal(optimized.isError, undefined, textOf(optimized));
    const report = optimized.structuredContent as { runId: string; runFile: string; status: string; steps: number; best: { score: number; ci95: number[] }; baseline: { score: number } };
    assert.equal(report.status, 'finished');
    assert.equal(report.steps, 2);
    assert.ok(report.best.score > report.baseline.score, `best ${report.best.score} beats the seed ${report.baseline.score}`);
    assert.equal(report.runFile, join(ws.dir, '.opro', 'runs', `${report.runId}.json`));
    assert.equal((JSON.parse(readFileSync(report.runFile, 'utf8')) as RunRecord).id, report.runId);
    assert.match(textOf(optimized), new RegExp(`^Run ${report.runId} finished \\(steps\\): 2 of 2 steps`));
    assert.match(textOf(optimized), /Best prompt \(found at step \d\): \d+\.\d% \(95% CI [\d.]+–[\d.]+%, \d+\/30\) on the training rows\./);
    assert.ok(progress.length >= 3, JSON.stringify(progress));
    assert.deepEqual(progress.map((p) => p.progress), [...progress.map((p) => p.progress)].sort((a, b) => a - b), 'progress only grows');
    assert.ok(progress.every((p) => p.total === 1 + 2 * 4));

    const shown = (await client.callTool({ name: 'show-run', arguments: { run: report.runId, top: 3 } })) as TextResult;
    const top = shown.structuredContent?.top as { score: number }[];
    assert.equal(top.length, 3);
    assert.equal(top[0]?.score, report.best.score);
    assert.match(textOf(shown), /Top 3 prompts:\n1\. /);
    assert.equal(server.stats.requests > 0, true);

    const before = server.stats.requests;
    const resumed = (await client.callTool({ name: 'resume', arguments: { run: report.runFile, steps: 3 } })) as TextResult;
    assert.equal((resumed.structuredContent as { steps: number }).steps, 3, textOf(resumed));
    assert.ok(server.stats.requests > before, 'the third step called the model');
  });

  it('cancels a call when the client cancels it: the run is saved as cancelled and resumes', async () => {
    server.setOptions({ latencyMs: 30 });
    const controller = new AbortController();
    const started = client.callTool({ name: 'optimize', arguments: { prompt: WEAK, dataset: 'arithmetic.jsonl', steps: 6 } }, undefined, {
      signal: controller.signal,
      onprogress: (p) => {
        if (p.progress >= 2) {
          controller.abort();
        }
      },
    });
    await assert.rejects(started, /abort/i);
    const runFile = await waitFor(() => listRuns(ws.dir).find((file) => (JSON.parse(readFileSync(file, 'utf8')) as RunRecord).status === 'cancelled'));
    const resumed = (await client.callTool({ name: 'resume', arguments: { run: runFile } })) as TextResult;
    assert.equal((resumed.structuredContent as { status: string }).status, 'finished', textOf(resumed));
  });

  it('reports a run that fails midway as a tool error naming the saved run, which resume then finishes', async () => {
    server.setOptions({ latencyMs: 20 });
    const failed = (await client.callTool({ name: 'optimize', arguments: { prompt: WEAK, dataset: 'arithmetic.jsonl' } }, undefined, {
      onprogress: (p) => {
        if (p.progress >= 2) {
          server.setOptions({ quotaExhausted: true });
        }
      },
    })) as TextResult;
    assert.equal(failed.isError, true, textOf(failed));
    const runId = /What finished is saved \(run ([\w-]+)\); the resume tool continues it/.exec(textOf(failed))?.[1];
    assert.ok(runId !== undefined, textOf(failed));
    assert.match(textOf(failed), /quota/i);
    server.setOptions({ quotaExhausted: false });
    const resumed = (await client.callTool({ name: 'resume', arguments: { run: runId } })) as TextResult;
    assert.equal((resumed.structuredContent as { status: string }).status, 'finished', textOf(resumed));
  });

  it('refuses bad arguments with a readable tool error, and unknown tools with a protocol error', async () => {
    const withKey = (await client.callTool({ name: 'evaluate', arguments: { prompts: [WEAK], dataset: 'arithmetic.jsonl', apiKey: KEY } })) as TextResult;
    assert.equal(withKey.isError, true);
    assert.match(textOf(withKey), /invalid arguments for evaluate: .*must NOT have additional properties/);
    assert.ok(!textOf(withKey).includes(KEY));
    const both = (await client.callTool({ name: 'optimize', arguments: { prompt: WEAK, promptFile: 'p.txt', dataset: 'arithmetic.jsonl' } })) as TextResult;
    assert.match(textOf(both), /Give either `prompt` or `promptFile`/);
    writeFileSync(join(ws.dir, 'bad.jsonl'), '{"question":"a","answer":"1"}\n{"question": oops}\n');
    const bad = (await client.callTool({ name: 'evaluate', arguments: { prompts: [WEAK], dataset: 'bad.jsonl' } })) as TextResult;
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /bad\.jsonl:2: /);
    await assert.rejects(client.callTool({ name: 'delete-everything', arguments: {} }), /Unknown tool `delete-everything`/);
    assert.equal(server.stats.requests, 0, 'nothing was paid for');
  });
});

describe('opro mcp on its raw streams', () => {
  it('writes only JSON-RPC messages to stdout and exits 0 when stdin closes', async () => {
    const cli = await buildCliBundle();
    const child = spawn(process.execPath, [cli, 'mcp'], { env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const send = (message: object): boolean => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: { name: 'show-run', arguments: { run: 'no-such-run' } } });
    await waitFor(() => (stdout.split('\n').filter((l) => l.trim() !== '').length >= 2 ? true : undefined));
    child.stdin.end();
    assert.equal(await exited, 0);
    const messages = stdout.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { id: number; result: TextResult });
    assert.deepEqual(messages.map((m) => m.id), [1, 2]);
    assert.equal(messages[1]?.result.isError, true);
    assert.match(textOf(messages[1]!.result), /No run file .*no-such-run\.json/);
  });
});

function listRuns(dir: string): string[] {
  const runs = join(dir, '.opro', 'runs');
  // Run headers only: the log, details and rows files beside them are JSON Lines.
  return existsSync(runs) ? readdirSync(runs).filter((name) => name.endsWith('.json')).map((name) => join(runs, name)) : [];
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

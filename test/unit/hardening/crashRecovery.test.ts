import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readRunRecord } from '../../../src/core/engine';
import { createRandom, type Random } from '../../../src/core/random';
import type { RunRecord, ScoredCandidate } from '../../../src/core/runRecord';
import { buildCliBundle, spawnCli, type CliOutcome, type CliProcess } from '../../support/cliProcess';
import { startFakeLlmServer, type FakeServer } from '../../support/fakeLlmServer';
import { candidateHistory, candidateLine } from '../../support/runHistory';
import { syntheticWorkspace, type SyntheticWorkspace } from '../../support/syntheticRun';

const MIN_KILLS = 20;
const CONCURRENCY = 4;
/** Margin over the calls in flight at each kill; answers are on disk before the next request can start. */
const EXCESS_SLACK = 4;
const ROWS = 30;
const RUN_FILE = 'run.json';
/** How often the run file is read while a process runs. */
const POLL_MS = 25;

interface Summary {
  status: string;
  best: { instruction: string; score: number; step: number } | null;
  candidates: number;
}

interface KillLoop {
  kills: number;
  /** Kills that left no run file: they struck before the first save. */
  killsBeforeFirstSave: number;
  /** Every state of the run file read after a kill or while a process ran. */
  snapshots: RunRecord[];
  /** Reads of the run file that failed to parse or were not a run. */
  badReads: string[];
  final: RunRecord;
  summary: Summary;
  requests: number;
}

function optimizeArgs(ws: SyntheticWorkspace): string[] {
  return ['optimize', '--dataset', ws.datasetPath, '--prompt', 'Solve the problem.', '--out', RUN_FILE, '--json', '--concurrency', String(CONCURRENCY), '--steps', '3', '--candidates', '4'];
}

function cliEnv(server: FakeServer): Record<string, string> {
  return { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.url };
}

/** Reads the run file as a crash would leave it: absent, or a whole, valid run. */
async function readSnapshot(file: string, badReads: string[]): Promise<RunRecord | undefined> {
  if (!existsSync(file)) {
    return undefined;
  }
  try {
    JSON.parse(readFileSync(file, 'utf8'));
    return await readRunRecord(file);
  } catch (err) {
    badReads.push((err as Error).message);
    return undefined;
  }
}

/** Resolves once the server saw a request beyond `before`, or the process ended. */
async function firstRequestOrExit(server: FakeServer, before: number, exited: () => boolean): Promise<void> {
  while (server.stats.requests === before && !exited()) {
    await sleep(2);
  }
}

/** Where this process gets killed: mostly mid-run, sometimes while it is still starting up. */
async function waitForKillPoint(proc: { server: FakeServer; before: number; exited: () => boolean; round: number }, random: Random): Promise<void> {
  // The first kill strikes while node is still booting (it needs more than 30 ms), before anything is saved.
  if (proc.round === 0 || random() < 0.15) {
    await sleep(Math.floor(random() * (proc.round === 0 ? 30 : 400)));
    return;
  }
  await firstRequestOrExit(proc.server, proc.before, proc.exited);
  await sleep(Math.floor(random() * 120));
}

async function pollWhileRunning(file: string, done: Promise<CliOutcome>, sink: { snapshots: RunRecord[]; badReads: string[] }): Promise<void> {
  let isDone = false;
  void done.then(() => (isDone = true));
  while (!isDone) {
    const snapshot = await readSnapshot(file, sink.badReads);
    if (snapshot !== undefined) {
      sink.snapshots.push(snapshot);
    }
    await sleep(POLL_MS);
  }
}

async function runOnce(ws: SyntheticWorkspace, server: FakeServer, killAt: ((proc: CliProcess, exited: () => boolean) => Promise<void>) | undefined, sink: KillLoop): Promise<CliOutcome> {
  const file = join(ws.dir, RUN_FILE);
  const args = existsSync(file) ? ['resume', RUN_FILE, '--json'] : optimizeArgs(ws);
  const proc = spawnCli(args, { cwd: ws.dir, env: cliEnv(server) });
  let hasExited = false;
  void proc.done.then(() => (hasExited = true));
  const polling = pollWhileRunning(file, proc.done, sink);
  if (killAt !== undefined) {
    await killAt(proc, () => hasExited);
    if (!hasExited && proc.child.kill('SIGKILL')) {
      sink.kills += 1;
      sink.killsBeforeFirstSave += existsSync(file) ? 0 : 1;
    }
  }
  const outcome = await proc.done;
  await polling;
  const after = await readSnapshot(file, sink.badReads);
  if (after !== undefined) {
    sink.snapshots.push(after);
  }
  return outcome;
}

async function killRepeatedly(ws: SyntheticWorkspace, server: FakeServer): Promise<KillLoop> {
  const random = createRandom(20_261_122);
  const loop = { kills: 0, killsBeforeFirstSave: 0, snapshots: [], badReads: [], requests: 0 } as unknown as KillLoop;
  server.resetStats();
  for (let round = 0; round < 100; round++) {
    const before = server.stats.requests;
    const killAt = loop.kills < MIN_KILLS ? (_proc: CliProcess, exited: () => boolean) => waitForKillPoint({ server, before, exited, round }, random) : undefined;
    const outcome = await runOnce(ws, server, killAt, loop);
    if (outcome.code === 0) {
      loop.summary = JSON.parse(outcome.stdout) as Summary;
      break;
    }
    assert.equal(outcome.signal, 'SIGKILL', `the CLI failed on its own: ${outcome.stderr}`);
  }
  loop.requests = server.stats.requests;
  loop.final = await readRunRecord(join(ws.dir, RUN_FILE));
  return loop;
}

function byId(candidates: readonly ScoredCandidate[]): Map<string, string> {
  return new Map(candidates.map((c) => [c.id, candidateLine(c)]));
}

describe('a CLI run killed with SIGKILL at random points and resumed each time', () => {
  let server: FakeServer;
  let cleanWs: SyntheticWorkspace;
  let crashWs: SyntheticWorkspace;
  let clean: { record: RunRecord; summary: Summary; requests: number };
  let loop: KillLoop;

  before(async () => {
    await buildCliBundle();
    server = await startFakeLlmServer({ latencyMs: 15 });
    cleanWs = syntheticWorkspace(ROWS);
    const outcome = await spawnCli(optimizeArgs(cleanWs), { cwd: cleanWs.dir, env: cliEnv(server) }).done;
    assert.equal(outcome.code, 0, outcome.stderr);
    clean = { record: await readRunRecord(join(cleanWs.dir, RUN_FILE)), summary: JSON.parse(outcome.stdout) as Summary, requests: server.stats.requests };
  });
  before(async () => {
    crashWs = syntheticWorkspace(ROWS);
    loop = await killRepeatedly(crashWs, server);
    const excess = loop.requests - clean.requests;
    console.log(
      `\n    crash recovery: ${loop.kills} kills (${loop.killsBeforeFirstSave} before the first save), ${loop.snapshots.length} run files read, ` +
        `${loop.requests} requests vs ${clean.requests} uninterrupted: ${excess} paid again (bound ${loop.kills * CONCURRENCY + EXCESS_SLACK}), ` +
        `${readdirSync(crashWs.dir).filter((name) => name.endsWith('.tmp')).length} temp files left behind\n`,
    );
  });
  after(async () => {
    await server.close();
    for (const ws of [cleanWs, crashWs]) {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });

  it(`was killed at least ${MIN_KILLS} times before it could finish, once before its first save`, () => {
    assert.ok(loop.kills >= MIN_KILLS, `${loop.kills} kills`);
    assert.ok(loop.killsBeforeFirstSave >= 1);
    assert.equal(loop.summary.status, 'finished');
  });

  it('leaves a run file that parses as a run after every kill and whenever it is read mid-run', () => {
    assert.deepEqual(loop.badReads, []);
    assert.ok(loop.snapshots.length >= loop.kills - loop.killsBeforeFirstSave);
    for (const snapshot of loop.snapshots) {
      for (const candidate of snapshot.candidates) {
        assert.equal(candidate.results.length, snapshot.train.length, 'a saved candidate is scored on every training row');
      }
    }
  });

  it('ends with the same candidates, scores and best as the uninterrupted run', () => {
    assert.deepEqual(candidateHistory(loop.final), candidateHistory(clean.record));
    assert.deepEqual(loop.final.steps.map((s) => s.accepted), clean.record.steps.map((s) => s.accepted));
    assert.deepEqual(loop.summary.best, clean.summary.best);
  });

  it('loses no scored candidate: each one in any saved file is in the final run with the same score', () => {
    const final = byId(loop.final.candidates);
    for (const snapshot of loop.snapshots) {
      for (const [id, line] of byId(snapshot.candidates)) {
        assert.equal(final.get(id), line);
      }
    }
  });

  it(`pays again for at most ${CONCURRENCY} calls in flight per kill, thanks to the response cache`, () => {
    const excess = loop.requests - clean.requests;
    assert.ok(excess >= 0);
    assert.ok(excess <= loop.kills * CONCURRENCY + EXCESS_SLACK, `${excess} calls paid twice after ${loop.kills} kills`);
  });
});

import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreFs } from '../../../../src/core/engineDeps';
import { readRunRecord, resumeRun, startRun } from '../../../../src/core/engine';
import { OproError } from '../../../../src/core/errors';
import type { RunEvent } from '../../../../src/core/events';
import type { RunRecord } from '../../../../src/core/runRecord';
import { listRuns } from '../../../../src/core/store/listRuns';
import { readRunHeader, readRunView } from '../../../../src/core/store/readRun';
import { runPaths } from '../../../../src/core/store/runPaths';
import { nodeStoreFs } from '../../../../src/core/store/storeFs';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { syntheticConfig, syntheticWorkspace, type SyntheticWorkspace } from '../../../support/syntheticRun';

function history(record: Pick<RunRecord, 'candidates'>): string[] {
  return record.candidates.map((c) => `${c.step}/${c.ordinal} ${c.score.toFixed(4)} ${c.instruction}`);
}

const withKey = (c: RunRecord['config']): RunRecord['config'] => ({ ...c, scorer: { ...c.scorer, apiKey: 'test-key' }, optimizer: { ...c.optimizer, apiKey: 'test-key' } });

/** A StoreFs that counts the bytes each write puts on disk. */
function countingFs(): { fs: StoreFs; written: () => number } {
  let bytes = 0;
  return {
    written: () => bytes,
    fs: {
      ...nodeStoreFs,
      writeFile: async (file, text) => {
        bytes += Buffer.byteLength(text);
        await nodeStoreFs.writeFile(file, text);
      },
      appendFile: async (file, text) => {
        bytes += Buffer.byteLength(text);
        await nodeStoreFs.appendFile(file, text);
      },
    },
  };
}

/** A StoreFs whose appends to `target` fail with `code` from the `after`-th one on (a disk that filled up). */
function failingFs(target: (file: string) => boolean, code: string, after: number): StoreFs {
  let count = 0;
  const fail = (): never => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  return {
    ...nodeStoreFs,
    appendFile: async (file, text) => {
      if (target(file) && ++count >= after) {
        // A full disk takes part of the line before it refuses the rest.
        await nodeStoreFs.appendFile(file, text.slice(0, Math.floor(text.length / 2)));
        fail();
      }
      await nodeStoreFs.appendFile(file, text);
    },
    writeFile: async (file, text) => {
      if (target(file) && ++count >= after) {
        fail();
      }
      await nodeStoreFs.writeFile(file, text);
    },
  };
}

describe('the append-only run store', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;

  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(30);
  });
  afterEach(async () => {
    await server.close();
  });

  it('writes a constant number of bytes per scored candidate, early and late in a run', async () => {
    const { fs, written } = countingFs();
    const perCandidate: number[] = [];
    let last = 0;
    const runFile = join(ws.dir, 'run.json');
    // Every 10th answer made unreachable: no instruction reaches 1.0, so all 12 steps run.
    const unreachable = join(ws.dir, 'unreachable.jsonl');
    writeFileSync(unreachable, ws.rows.map((row, i) => JSON.stringify(i % 10 === 0 ? { ...row, answer: String(Number(row.answer) + 1000) } : row)).join('\n') + '\n');
    const config = syntheticConfig(server.url, unreachable, { steps: 12, candidatesPerStep: 4, concurrency: 1 });
    await startRun(config, {
      runFile,
      storeFs: fs,
      onEvent: (e) => {
        if (e.type === 'candidateScored') {
          perCandidate.push(written() - last);
          last = written();
        }
      },
    });
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(perCandidate.slice(1, 9));
    const late = mean(perCandidate.slice(-8));
    assert.ok(perCandidate.length > 30, `${perCandidate.length} candidates`);
    // A store that rewrote the whole history per candidate would write several times more late than early.
    assert.ok(late / early < 1.4, `bytes per candidate: early ${early.toFixed(0)}, late ${late.toFixed(0)}`);
    const saved = ['header', 'log', 'details', 'examples'].reduce((sum, k) => sum + readFileSync(runPaths(runFile)[k as 'log']).length, 0);
    assert.ok(written() < 3 * saved, `wrote ${written()} bytes for a run of ${saved}`);
  });

  it('keeps no per-example result, meta-prompt or reply in what it holds and announces; they come back from disk', async () => {
    const runFile = join(ws.dir, 'light.json');
    const events: RunEvent[] = [];
    const view = await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 2, dataset: { path: ws.datasetPath, validation: 0.2 } }), { runFile, onEvent: (e) => events.push(e) });
    const heavy = /"(results|output|metaPrompt)"/;
    assert.ok(!heavy.test(JSON.stringify(view)), 'the returned view is light');
    assert.ok(!heavy.test(JSON.stringify(events)), 'every event is light');
    const whole = await readRunRecord(runFile);
    assert.ok(whole.candidates.every((c) => c.results.length === 24) && whole.steps.every((s) => s.metaPrompt.startsWith('Your task')));
    assert.ok(whole.candidates.some((c) => (c.validation?.results.length ?? 0) === 6));
  });

  it('lays a run out as a header, an event log, a details file and the rows, readable with any JSON Lines tool', async () => {
    const runFile = join(ws.dir, 'run.json');
    await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 2 }), { runFile });
    const paths = runPaths(runFile);
    const header = JSON.parse(readFileSync(paths.header, 'utf8')) as Record<string, unknown>;
    assert.deepEqual([header.format, header.version, header.status], ['opro-run', 2, 'finished']);
    const log = readFileSync(paths.log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; details?: { offset: number; length: number } });
    assert.deepEqual([...new Set(log.map((e) => e.type))].sort(), ['candidateScored', 'statusChanged', 'stepFinished', 'stepProposed']);
    const details = readFileSync(paths.details);
    for (const entry of log.filter((e) => e.details !== undefined)) {
      const line = JSON.parse(details.subarray(entry.details!.offset, entry.details!.offset + entry.details!.length).toString('utf8')) as { type: string };
      assert.ok(['results', 'step'].includes(line.type), 'each log line points at its own details line');
    }
    assert.ok(!readFileSync(paths.log, 'utf8').includes('"output"'), 'the log stays light: no model outputs');
    assert.equal(readFileSync(paths.examples, 'utf8').trim().split('\n').length, 30);
  });

  it('ignores a torn last line of the log, cuts it on resume, and resumes to the uninterrupted history', async () => {
    const uninterrupted = await readRunRecordOf(await runTo(join(ws.dir, 'clean.json'), {}));
    const runFile = join(ws.dir, 'torn.json');
    const controller = new AbortController();
    await startRun(syntheticConfig(server.url, ws.datasetPath), { runFile, onEvent: (e) => e.type === 'stepFinished' && e.step.step === 2 && controller.abort() }, controller.signal);
    appendFileSync(runPaths(runFile).log, '{"type":"candidateScored","candidate":{"id":"x');
    const view = (await readRunView(runFile)).view;
    assert.equal(view.status, 'cancelled', 'the torn line is ignored');
    const resumed = await resumeRun(runFile, { patchConfig: withKey });
    assert.equal(resumed.status, 'finished');
    assert.deepEqual(history(await readRunRecord(runFile)), history(uninterrupted));
    assert.ok(readFileSync(runPaths(runFile).log, 'utf8').split('\n').every((line) => line === '' || JSON.parse(line) !== undefined), 'every log line is whole');
  });

  async function runTo(runFile: string, extra: Partial<Parameters<typeof syntheticConfig>[2]>): Promise<string> {
    await startRun(syntheticConfig(server.url, ws.datasetPath, extra), { runFile });
    return runFile;
  }
  const readRunRecordOf = (file: string): Promise<RunRecord> => readRunRecord(file);

  it('migrates a version 1 run file on open, and resumes it', async () => {
    const runFile = await runTo(join(ws.dir, 'new.json'), { steps: 3 });
    const whole = await readRunRecord(runFile);
    const legacy = join(ws.dir, 'legacy.json');
    const cut = { ...whole, version: 1, status: 'cancelled', steps: whole.steps.filter((s) => s.step < 2), candidates: whole.candidates.filter((c) => c.step < 2) };
    writeFileSync(legacy, JSON.stringify(cut));
    const migrated = await readRunRecord(legacy);
    assert.deepEqual(history(migrated), history(cut));
    assert.deepEqual(migrated.candidates.map((c) => c.results), cut.candidates.map((c) => c.results));
    assert.equal((JSON.parse(readFileSync(legacy, 'utf8')) as { version: number }).version, 2, 'the file is rewritten in the current layout');
    const resumed = await resumeRun(legacy, { patchConfig: withKey });
    assert.equal(resumed.status, 'finished');
    assert.deepEqual(history(await readRunRecord(legacy)), history(whole));
  });

  it('names the file and what is wrong when a header or a log line lacks parts, and says when a newer version wrote it', async () => {
    const runFile = await runTo(join(ws.dir, 'bad.json'), { steps: 1 });
    const header = JSON.parse(readFileSync(runFile, 'utf8')) as { config: { scorer: Record<string, unknown> }; version: number };
    delete header.config.scorer.model;
    writeFileSync(runFile, JSON.stringify(header));
    await assert.rejects(readRunHeader(runFile), (err: unknown) => err instanceof OproError && err.message.includes(runFile) && err.message.includes('`config.scorer.model`'));

    writeFileSync(runFile, JSON.stringify({ ...header, version: 3 }));
    await assert.rejects(readRunHeader(runFile), (err: unknown) => err instanceof OproError && /written by a newer version of OPRO \(run format 3/.test(err.message));

    const other = await runTo(join(ws.dir, 'bad-log.json'), { steps: 1 });
    const lines = readFileSync(runPaths(other).log, 'utf8').split('\n');
    lines[1] = JSON.stringify({ type: 'candidateScored', candidate: { id: 'x' } });
    writeFileSync(runPaths(other).log, lines.join('\n'));
    await assert.rejects(readRunView(other), (err: unknown) => err instanceof OproError && err.message.startsWith(`${runPaths(other).log}:2:`) && err.message.includes('`candidate.score`: missing'));
  });

  it('on a full disk, fails the run with an error naming the file, keeps the last good state marked failed, and leaves no temp file', async () => {
    const runFile = join(ws.dir, 'full.json');
    const events: RunEvent[] = [];
    const fs = failingFs((file) => file.endsWith('.details.jsonl'), 'ENOSPC', 6);
    await assert.rejects(
      startRun(syntheticConfig(server.url, ws.datasetPath), { runFile, storeFs: fs, onEvent: (e) => events.push(e) }),
      (err: unknown) => err instanceof OproError && err.kind === 'storage' && err.message.includes(runPaths(runFile).details) && /disk is full \(ENOSPC\)/.test(err.message),
    );
    assert.equal(events[events.length - 1]?.type, 'runFailed');
    const saved = await readRunRecord(runFile);
    assert.equal(saved.status, 'failed');
    assert.match(saved.error?.message ?? '', /ENOSPC/);
    assert.ok(saved.candidates.length >= 4 && saved.candidates.every((c) => c.results.length === 30), 'what was saved before is whole');
    assert.deepEqual(readdirSync(ws.dir).filter((n) => n.endsWith('.tmp')), []);
    const resumed = await resumeRun(runFile, { patchConfig: withKey });
    assert.equal(resumed.status, 'finished', 'once there is room again, the run resumes');
  });

  it('in a folder that is not writable, says so naming the run file and leaves nothing behind', async () => {
    const runFile = join(ws.dir, 'locked', 'run.json');
    const fs = failingFs(() => true, 'EACCES', 1);
    await assert.rejects(
      startRun(syntheticConfig(server.url, ws.datasetPath), { runFile, storeFs: fs }),
      (err: unknown) => err instanceof OproError && err.kind === 'storage' && err.message.includes(join(ws.dir, 'locked')) && /not writable \(EACCES\)/.test(err.message),
    );
    assert.ok(!existsSync(runFile));
    assert.deepEqual(existsSync(join(ws.dir, 'locked')) ? readdirSync(join(ws.dir, 'locked')).filter((n) => n.endsWith('.tmp')) : [], []);
  });

  it('says once that the cache cannot be used and finishes the run without it', async () => {
    const cacheDir = join(ws.dir, 'cache');
    const warnings: string[] = [];
    // A directory where the cache file should be: every append fails (root ignores read-only folders).
    mkdirSync(join(cacheDir, 'responses.jsonl'), { recursive: true });
    const record = await startRun(syntheticConfig(server.url, ws.datasetPath, { steps: 2 }), { cacheDir, onWarning: (m) => warnings.push(m) });
    assert.equal(record.status, 'finished');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, new RegExp(`${join(cacheDir, 'responses.jsonl').replace(/[/.]/g, '\\$&')} cannot be used: .*goes on without a cache`));
  });

  it('lists runs from their headers alone, skipping files that are not runs', async () => {
    const a = await runTo(join(ws.dir, 'runs', 'a.json'), { steps: 1 });
    rmSync(runPaths(a).details);
    rmSync(runPaths(a).log);
    writeFileSync(join(ws.dir, 'runs', 'notes.json'), '{"hello":1}');
    const skipped: string[] = [];
    const runs = await listRuns(join(ws.dir, 'runs'), (file) => skipped.push(file));
    assert.deepEqual(runs.map((r) => [r.file, r.status, r.steps]), [[a, 'finished', 1]]);
    assert.ok(runs[0]!.bestScore !== undefined && runs[0]!.candidates > 1);
    assert.deepEqual(skipped, [join(ws.dir, 'runs', 'notes.json')]);
  });
});

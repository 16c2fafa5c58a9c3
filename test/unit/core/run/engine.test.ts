import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateInstructions, nextMetaPrompt, readRunRecord, resumeRun } from '../../../../src/core/engine';
import { OproError } from '../../../../src/core/errors';
import type { RunEvent } from '../../../../src/core/events';
import { roundHalfEven } from '../../../../src/core/prompt/pythonNumbers';
import type { RunRecord } from '../../../../src/core/runRecord';
import type { RunView } from '../../../../src/core/runView';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import { SEED_INSTRUCTION, syntheticConfig, syntheticWorkspace, type SyntheticWorkspace, runToRecord } from '../../../support/syntheticRun';
import { SYNTHETIC_KEYWORDS, parseHistory, syntheticAccuracy } from '../../../support/syntheticTask';

/** What must not change between two runs with the same seed: every instruction, where and how it scored. */
function history(record: Pick<RunRecord, 'candidates'> | RunView): string[] {
  return record.candidates.map((c) => `${c.step}/${c.ordinal} ${c.score.toFixed(4)} ${c.instruction}`);
}

describe('the OPRO run', () => {
  let server: FakeServer;
  let ws: SyntheticWorkspace;

  beforeEach(async () => {
    server = await startFakeLlmServer();
    ws = syntheticWorkspace(40);
  });
  afterEach(async () => {
    await server.close();
  });

  it('climbs from the seed to the known best instruction and stops at the target', async () => {
    const events: RunEvent[] = [];
    const runFile = join(ws.dir, 'run.json');
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath), { runFile, onEvent: (e) => events.push(e) });

    assert.equal(record.status, 'finished');
    assert.equal(record.stopReason, 'target');
    const best = record.candidates.reduce((a, b) => (b.score > a.score ? b : a));
    assert.equal(best.score, 1);
    assert.ok(SYNTHETIC_KEYWORDS.every((k) => best.instruction.toLowerCase().includes(k)), best.instruction);
    for (const candidate of record.candidates) {
      assert.equal(candidate.score, syntheticAccuracy(candidate.instruction, ws.rows), candidate.instruction);
      assert.equal(candidate.results.length, 40);
    }
    const seed = record.candidates.find((c) => c.origin === 'seed');
    assert.equal(seed?.instruction, SEED_INSTRUCTION);
    assert.ok((seed?.score ?? 1) < 0.5);

    const types = events.map((e) => e.type);
    assert.equal(types[0], 'runStarted');
    assert.equal(types[1], 'candidateScored');
    assert.deepEqual(types.slice(2, 4), ['stepStarted', 'stepProposed']);
    assert.equal(types[types.length - 1], 'runFinished');
    assert.equal(types.filter((t) => t === 'candidateScored').length, record.candidates.length);
    assert.equal(types.filter((t) => t === 'stepFinished').length, record.steps.length);

    const saved = await readRunRecord(runFile);
    assert.deepEqual(history(saved), history(record));
    assert.equal(saved.usage.calls, server.stats.completions.scorer + server.stats.completions.optimizer);
    assert.ok(!readFileSync(runFile, 'utf8').includes('test-key'), 'the API key never reaches the run file');
  });

  it('sends the meta-prompt of OPRO.md with the history in ascending order and asks for 8 samples at temperature 1 in one request', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 1 }), {});
    const step = record.steps[0];
    assert.ok(step !== undefined);
    assert.deepEqual(parseHistory(step.metaPrompt), [{ text: SEED_INSTRUCTION, score: String(roundHalfEven(record.candidates[0]!.score * 100)) }]);
    assert.equal(step.exemplars.length, 3);
    const optimizerCalls = server.stats.answered.filter((r) => r.role === 'optimizer');
    assert.deepEqual(optimizerCalls.map((r) => [r.n, r.temperature, r.maxTokens]), [[8, 1, 512]]);
    assert.equal(step.replies.length, 8, 'every sample is a proposal');
    assert.ok(server.stats.answered.filter((r) => r.role === 'scorer').every((r) => r.temperature === 0));
  });

  it('ends with the same history under 500s, 503s, dropped connections, malformed bodies, 429s and stalls', async () => {
    const small = syntheticWorkspace(20);
    const clean = await runToRecord(syntheticConfig(server.url, small.datasetPath), {});
    const faulty = await startFakeLlmServer({ faults: { rate: 0.15, kinds: ['500', '503', 'drop', 'malformed', '429', 'stall'], seed: 3 }, retryAfterMs: 20 });
    try {
      const record = await runToRecord(syntheticConfig(faulty.url, small.datasetPath, { requestTimeoutMs: 250, maxRetries: 8 }), {});
      assert.deepEqual(history(record), history(clean));
      assert.ok(record.usage.retries > 10, `retries counted: ${record.usage.retries}`);
      assert.equal(record.usage.failedCalls, 0);
      assert.ok(faulty.stats.dropped > 0 && faulty.stats.stalled > 0);
      // Official defect: a retry silently switched to another model. Here every answer comes from the configured one.
      assert.deepEqual([...new Set(faulty.stats.answered.map((r) => `${r.role}:${r.model}`))].sort(), ['optimizer:optimizer-model', 'scorer:scorer-model']);
    } finally {
      await faulty.close();
    }
  });

  it('stops within a second when cancelled mid-step, and resuming gives the uninterrupted result', async () => {
    const uninterrupted = await runToRecord(syntheticConfig(server.url, ws.datasetPath), {});
    server.setOptions({ latencyMs: 30 });
    const runFile = join(ws.dir, 'cancelled.json');
    const controller = new AbortController();
    let cancelledAt = 0;
    const record = await runToRecord(
      syntheticConfig(server.url, ws.datasetPath),
      {
        runFile,
        onEvent: (e) => {
          if (e.type === 'candidateScored' && e.candidate.step === 2 && cancelledAt === 0) {
            cancelledAt = Date.now();
            controller.abort();
          }
        },
      },
      controller.signal,
    );
    const stoppedIn = Date.now() - cancelledAt;
    assert.equal(record.status, 'cancelled');
    assert.ok(stoppedIn < 1000, `stopped in ${stoppedIn} ms`);
    const saved = await readRunRecord(runFile);
    assert.equal(saved.status, 'cancelled');
    assert.ok(saved.steps.some((s) => !s.done), 'the interrupted step is kept, unfinished');

    server.setOptions({ latencyMs: 0 });
    const resumed = await resumeRun(runFile, { patchConfig: (c) => ({ ...c, scorer: { ...c.scorer, apiKey: 'test-key' }, optimizer: { ...c.optimizer, apiKey: 'test-key' } }) });
    assert.equal(resumed.status, 'finished');
    assert.deepEqual(history(resumed), history(uninterrupted));
  });

  it('scores examples in parallel up to the concurrency limit (official defect: one call at a time)', async () => {
    server.setOptions({ latencyMs: 20 });
    await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 1, concurrency: 6 }), {});
    assert.equal(server.stats.maxInFlight, 6);
  });

  it('never pays more calls than maxCalls and keeps what finished', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { maxCalls: 100 }), {});
    assert.equal(record.stopReason, 'maxCalls');
    assert.ok(record.usage.calls <= 100, `paid ${record.usage.calls}`);
    assert.equal(server.stats.completions.scorer + server.stats.completions.optimizer, record.usage.calls);
    assert.ok(record.candidates.length >= 1);
    assert.ok(record.candidates.every((c) => c.results.length === 40), 'no partly scored candidate is kept');
  });

  it('stops after `patience` steps without improvement', async () => {
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { patience: 1, candidatesPerStep: 1, seedInstructions: ['Final answer, show your work, step by step.'] }), {});
    assert.ok(record.stopReason === 'patience' || record.stopReason === 'target', record.stopReason);
  });

  it('scores the best instructions and the seed on the validation split at the end', async () => {
    const events: RunEvent[] = [];
    const config = syntheticConfig(server.url, ws.datasetPath, { dataset: { path: ws.datasetPath, validation: 0.25 }, validationTopK: 2 });
    const record = await runToRecord(config, { onEvent: (e) => events.push(e) });
    assert.equal(record.validation.length, 10);
    assert.equal(record.train.length, 30);
    const validated = record.candidates.filter((c) => c.validation !== undefined);
    assert.ok(validated.some((c) => c.origin === 'seed'));
    assert.ok(validated.length >= 2 && validated.length <= 3);
    const validationRows = record.validation.map((i) => ws.rows[i]!);
    for (const c of validated) {
      assert.equal(c.validation?.score, syntheticAccuracy(c.instruction, validationRows));
    }
    assert.equal(events.filter((e) => e.type === 'validationScored').length, validated.length);
  });

  it('re-running with the same cache pays for nothing', async () => {
    const cacheDir = join(ws.dir, 'cache');
    const first = await runToRecord(syntheticConfig(server.url, ws.datasetPath), { cacheDir });
    server.resetStats();
    const second = await runToRecord(syntheticConfig(server.url, ws.datasetPath), { cacheDir });
    assert.equal(server.stats.requests, 0);
    assert.equal(second.usage.calls, 0);
    assert.equal(second.usage.cachedCalls, first.usage.calls);
    assert.deepEqual(history(second), history(first));
  });

  it('fails with an auth error naming the endpoint on a wrong key, and emits runFailed', async () => {
    const events: RunEvent[] = [];
    const config = syntheticConfig(server.url, ws.datasetPath, { scorer: { baseUrl: server.url, apiKey: 'wrong', model: 'm' } });
    await assert.rejects(
      runToRecord(config, { onEvent: (e) => events.push(e) }),
      (err: unknown) => err instanceof OproError && err.kind === 'auth' && err.message.includes(server.url) && !err.message.includes('wrong'),
    );
    assert.equal(events[events.length - 1]?.type, 'runFailed');
  });

  it('scores person-written instructions between steps and shows them to the optimizer', async () => {
    const queue = ['Think step by step and double-check.'];
    const record = await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 2 }), { takeUserInstructions: () => queue.splice(0) });
    const mine = record.candidates.find((c) => c.origin === 'user');
    assert.equal(mine?.score, syntheticAccuracy('Think step by step and double-check.', ws.rows));
    assert.ok(record.steps[0]?.metaPrompt.includes('Think step by step and double-check.'));
  });

  it('evaluates instructions without optimizing', async () => {
    const instructions = ['Solve.', 'Solve step by step and show your work.'];
    const scored = await evaluateInstructions(syntheticConfig(server.url, ws.datasetPath), instructions, {});
    assert.deepEqual(
      scored.map((c) => [c.instruction, c.score, c.total]),
      instructions.map((i) => [i, syntheticAccuracy(i, ws.rows), 40]),
    );
    assert.equal(server.stats.completions.optimizer, 0);
  });

  it('prints the next meta-prompt of a saved run', async () => {
    const runFile = join(ws.dir, 'short.json');
    await runToRecord(syntheticConfig(server.url, ws.datasetPath, { steps: 1 }), { runFile });
    const text = await nextMetaPrompt(runFile);
    assert.ok(text.startsWith('Your task is to generate the instruction <INS>.'));
    assert.ok(parseHistory(text).length > 1);
  });
});

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { RunRecord } from '../../../src/core/runRecord';
import { startFakeLlmServer, type FakeServer, type FaultKind } from '../../support/fakeLlmServer';
import { candidateHistory } from '../../support/runHistory';
import { syntheticConfig, syntheticWorkspace, type SyntheticWorkspace, runToRecord } from '../../support/syntheticRun';

const FAULT_KINDS: FaultKind[] = ['500', '503', '429', 'drop', 'stall', 'malformed'];
const FAULT_RATE = 0.1;
const ROWS = 30;
/** A stalled request costs this long; only the stall run uses it, so a slow machine can't fake a stall elsewhere. */
const STALL_TIMEOUT_MS = 400;
const REQUEST_TIMEOUT_MS = 15_000;
/** At a 10% fault rate, nine faults in a row on one call (p = 1e-9) would be needed to fail it. */
const MAX_RETRIES = 8;

interface FaultRow {
  kind: FaultKind;
  requests: number;
  faults: number;
  retries: number;
  failedCalls: number;
}

function runUnder(url: string, ws: SyntheticWorkspace, requestTimeoutMs = REQUEST_TIMEOUT_MS): Promise<RunRecord> {
  const config = syntheticConfig(url, ws.datasetPath, { steps: 2, candidatesPerStep: 4, requestTimeoutMs, maxRetries: MAX_RETRIES });
  return runToRecord(config, {});
}

function answered(server: FakeServer): number {
  return server.stats.completions.scorer + server.stats.completions.optimizer;
}

function printTable(rows: FaultRow[]): void {
  const header = 'fault      requests  faults  retries  failedCalls';
  const lines = rows.map((r) => `${r.kind.padEnd(10)} ${String(r.requests).padStart(8)} ${String(r.faults).padStart(7)} ${String(r.retries).padStart(8)} ${String(r.failedCalls).padStart(12)}`);
  console.log(`\n    fault matrix (${FAULT_RATE * 100}% of requests, ${ROWS} rows):\n    ${[header, ...lines].join('\n    ')}\n`);
}

describe('a run under one kind of endpoint fault at a time', () => {
  let ws: SyntheticWorkspace;
  let clean: RunRecord;
  const table: FaultRow[] = [];

  before(async () => {
    ws = syntheticWorkspace(ROWS);
    const server = await startFakeLlmServer();
    try {
      clean = await runUnder(server.url, ws);
    } finally {
      await server.close();
    }
    assert.equal(clean.status, 'finished');
    assert.ok(clean.steps.length >= 2, 'the fault-free run optimizes over several steps');
  });
  after(() => {
    printTable(table);
    rmSync(ws.dir, { recursive: true, force: true });
  });

  for (const [index, kind] of FAULT_KINDS.entries()) {
    it(`ends with the same history and scores when ${FAULT_RATE * 100}% of requests get a ${kind}, counting every retry`, async () => {
      const server = await startFakeLlmServer({ faults: { rate: FAULT_RATE, kinds: [kind], seed: 11 + index }, retryAfterMs: 10 });
      try {
        const record = await runUnder(server.url, ws, kind === 'stall' ? STALL_TIMEOUT_MS : REQUEST_TIMEOUT_MS);
        const faults = server.stats.requests - answered(server);
        table.push({ kind, requests: server.stats.requests, faults, retries: record.usage.retries, failedCalls: record.usage.failedCalls });

        assert.equal(record.status, 'finished');
        assert.deepEqual(candidateHistory(record), candidateHistory(clean));
        assert.deepEqual(record.steps.map((s) => s.accepted), clean.steps.map((s) => s.accepted));
        assert.ok(faults > 0, 'the server injected faults');
        assert.equal(record.usage.failedCalls, 0);
        assert.equal(record.usage.calls, clean.usage.calls);
        if (kind === 'stall') {
          // A busy machine may time out a healthy request too; every stall must still be retried.
          assert.ok(record.usage.retries >= server.stats.stalled, `${record.usage.retries} retries for ${server.stats.stalled} stalls`);
        } else {
          // Each injected fault was retried exactly once and every answer was paid exactly once.
          assert.deepEqual({ retries: record.usage.retries, calls: record.usage.calls }, { retries: faults, calls: answered(server) });
        }
      } finally {
        await server.close();
      }
    });
  }
});

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readRunRecord } from '../../../src/core/engine';
import type { RunEvent } from '../../../src/core/events';
import type { RunRecord, StepRecord } from '../../../src/core/runRecord';
import { scriptedModels } from '../../support/scriptedClient';
import { SEED_INSTRUCTION, syntheticConfig, syntheticWorkspace, type SyntheticWorkspace, runToRecord } from '../../support/syntheticRun';
import { syntheticAccuracy } from '../../support/syntheticTask';

const HTML = '<b>Solve</b> step by step <script>alert("pwned")</script>';
const HANDLER = '<img src=x onerror="alert(1)"> Double-check &amp; show your work';
const CONTROL = 'Solve\u0000 it\u001b[31m in red\u001b[0m\r and show your work \u0007';
const HUGE = 'a'.repeat(100_000);

/** Optimizer replies, each with what the run must make of it in the first step. */
const SCRIPT: { reply: string; accepted?: string; rejected?: string }[] = [
  { reply: `<INS>${HTML}</INS>`, accepted: HTML },
  { reply: `Sure! <INS>${HANDLER}</INS> Hope this helps.`, accepted: HANDLER },
  { reply: `<INS>${CONTROL}</INS>`, accepted: CONTROL },
  { reply: `<INS>${HUGE}</INS>`, rejected: 'tooLong' },
  { reply: `${HUGE}b`, rejected: 'tooLong' },
  { reply: '' },
  { reply: '   \n\t ', rejected: 'empty' },
  { reply: 'No tags at all: final answer first.', accepted: 'No tags at all: final answer first.' },
  { reply: '<INS>a</INS><INS>b', accepted: 'A' },
  { reply: '</INS><INS>', rejected: 'empty' },
  { reply: '<INS>outer <INS>inner</INS> tail</INS>', rejected: 'hasTag' },
  { reply: '<INS></INS>', rejected: 'empty' },
  { reply: 'x</INS>y', accepted: 'X' },
  { reply: `<INS>${HTML}</INS>`, rejected: 'duplicate' },
];

/** Every non-empty reply ends up accepted or rejected with a reason; nothing is lost or invented. */
function assertAccountedFor(step: StepRecord): void {
  const nonEmpty = step.replies.filter((reply) => reply !== '');
  assert.equal(step.accepted.length + step.rejected.length, nonEmpty.length, `step ${step.step}`);
  for (const rejected of step.rejected) {
    assert.ok(['empty', 'duplicate', 'tooLong', 'hasTag', 'placeholders'].includes(rejected.reason), rejected.reason);
  }
}

describe('a run whose optimizer answers with hostile text', () => {
  let ws: SyntheticWorkspace;
  let record: RunRecord;
  let events: RunEvent[];
  let runFile: string;

  before(async () => {
    ws = syntheticWorkspace(10);
    runFile = join(ws.dir, 'hostile.json');
    events = [];
    const models = scriptedModels(SCRIPT.map((s) => s.reply));
    const config = syntheticConfig('http://127.0.0.1:9/v1', ws.datasetPath, { steps: 2, candidatesPerStep: SCRIPT.length });
    record = await runToRecord(config, { createClient: models.createClient, runFile, onEvent: (e) => events.push(e) });
  });
  after(() => {
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('finishes every step instead of throwing', () => {
    assert.equal(record.status, 'finished');
    assert.equal(record.stopReason, 'steps');
    assert.deepEqual(
      record.steps.map((s) => [s.step, s.done, s.replies.length]),
      [
        [1, true, SCRIPT.length],
        [2, true, SCRIPT.length],
      ],
    );
    assert.equal(events[events.length - 1]?.type, 'runFinished');
  });

  it('extracts or rejects each reply of the first step, with the reason', () => {
    const first = record.steps[0] as StepRecord;
    assert.deepEqual(first.accepted, SCRIPT.flatMap((s) => (s.accepted === undefined ? [] : [s.accepted])));
    assert.deepEqual(
      first.rejected.map((r) => r.reason),
      SCRIPT.flatMap((s) => (s.rejected === undefined ? [] : [s.rejected])),
    );
    for (const step of record.steps) {
      assertAccountedFor(step);
    }
    assert.deepEqual(record.steps[1]?.accepted, [], 'the second step only repeats what was scored');
  });

  it('scores every accepted instruction, HTML and control characters included', () => {
    assert.deepEqual(
      record.candidates.map((c) => c.instruction),
      [SEED_INSTRUCTION, ...(record.steps[0]?.accepted ?? [])],
    );
    for (const candidate of record.candidates) {
      assert.equal(candidate.results.length, 10);
      assert.equal(candidate.score, syntheticAccuracy(candidate.instruction, ws.rows), JSON.stringify(candidate.instruction));
    }
  });

  it('saves a run file that parses and keeps HTML and control characters verbatim', async () => {
    const text = readFileSync(runFile, 'utf8');
    assert.doesNotThrow(() => JSON.parse(text));
    const saved = await readRunRecord(runFile);
    assert.equal(saved.status, 'finished');
    const instructions = saved.candidates.map((c) => c.instruction);
    for (const verbatim of [HTML, HANDLER, CONTROL]) {
      assert.ok(instructions.includes(verbatim), `stored verbatim: ${JSON.stringify(verbatim)}`);
    }
    assert.ok(!text.includes('&lt;'), 'nothing is HTML-escaped in the file');
    assert.deepEqual(saved.steps, record.steps);
  });

  it('keeps what it shows of a rejected reply short, however long the reply', () => {
    for (const step of record.steps) {
      for (const rejected of step.rejected) {
        assert.ok(rejected.text.length <= 1001, `${rejected.reason}: ${rejected.text.length} characters`);
      }
    }
    const tooLong = record.steps[0]?.rejected.filter((r) => r.reason === 'tooLong') ?? [];
    assert.deepEqual(tooLong.map((r) => r.detail), ['100000 characters, over the limit of 500', '100001 characters, over the limit of 500']);
  });
});

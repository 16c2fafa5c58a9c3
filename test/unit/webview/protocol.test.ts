import assert from 'node:assert/strict';
import { MAX_TEXT_LENGTH, parsePanelState, parseToHost, parseToPanel, readPromptSource, type ToHost, type ToPanel } from '../../../src/webview/protocol';

const runId = 'run-1';
const record = {
  id: runId,
  status: 'running',
  candidates: [],
  steps: [],
  trainRows: 0,
  validationRows: 0,
  config: {},
  dataset: {},
  usage: {},
  metric: {},
};

const validToHost: ToHost[] = [
  { type: 'panel/ready' },
  { type: 'prompt/insert', requestId: 1, runId, text: 'Think step by step.' },
  { type: 'prompt/copy', requestId: 2, text: 'Think step by step.' },
  { type: 'prompt/diff', requestId: 3, runId, text: 'Think step by step.' },
  { type: 'run/stop', requestId: 4, runId },
  { type: 'run/resume', requestId: 5, runId },
  { type: 'run/export', requestId: 6, runId, format: 'csv' },
  { type: 'instruction/score', requestId: 7, runId, text: 'Show your work.' },
  { type: 'example/open', requestId: 8, runId, exampleIndex: 0 },
  { type: 'candidate/details', requestId: 9, runId, candidateId: 'a1b2c3d4e5f60708' },
  { type: 'step/details', requestId: 10, runId, step: 3 },
  { type: 'prompt/insert', requestId: 11, runId, text: 'Think step by step.', candidateId: 'a1b2c3d4e5f60708' },
  { type: 'prompt/copy', requestId: 12, text: 'Think step by step.', runId, candidateId: 'a1b2c3d4e5f60708' },
  { type: 'prompt/diff', requestId: 13, runId, text: 'Think step by step.', candidateId: 'a1b2c3d4e5f60708' },
];

/** [name, message] pairs that must be refused: one per malformed field. */
const malformedToHost: [string, unknown][] = [
  ['not an object', 'panel/ready'],
  ['null', null],
  ['an array', [{ type: 'panel/ready' }]],
  ['an unknown type', { type: 'run/delete', requestId: 1, runId }],
  ['a missing type', { requestId: 1, runId }],
  ['a missing requestId', { type: 'run/stop', runId }],
  ['a string requestId', { type: 'run/stop', requestId: '1', runId }],
  ['a negative requestId', { type: 'run/stop', requestId: -1, runId }],
  ['a fractional requestId', { type: 'run/stop', requestId: 1.5, runId }],
  ['a missing runId', { type: 'prompt/insert', requestId: 1, text: 'x' }],
  ['an empty runId', { type: 'run/resume', requestId: 1, runId: '' }],
  ['a numeric runId', { type: 'run/stop', requestId: 1, runId: 7 }],
  ['insert without text', { type: 'prompt/insert', requestId: 1, runId }],
  ['insert with blank text', { type: 'prompt/insert', requestId: 1, runId, text: '  \n' }],
  ['insert with too long text', { type: 'prompt/insert', requestId: 1, runId, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }],
  ['copy with a number as text', { type: 'prompt/copy', requestId: 1, text: 42 }],
  ['diff with no text', { type: 'prompt/diff', requestId: 1, runId }],
  ['insert with an empty candidate id', { type: 'prompt/insert', requestId: 1, runId, text: 'x', candidateId: '' }],
  ['diff with a numeric candidate id', { type: 'prompt/diff', requestId: 1, runId, text: 'x', candidateId: 7 }],
  ['copy of a candidate without its run', { type: 'prompt/copy', requestId: 1, text: 'x', candidateId: 'c1' }],
  ['export in an unknown format', { type: 'run/export', requestId: 1, runId, format: 'pdf' }],
  ['export without a format', { type: 'run/export', requestId: 1, runId }],
  ['score with an object as text', { type: 'instruction/score', requestId: 1, runId, text: { toString: 'x' } }],
  ['open with a negative example', { type: 'example/open', requestId: 1, runId, exampleIndex: -1 }],
  ['open with a string example', { type: 'example/open', requestId: 1, runId, exampleIndex: '3' }],
  ['open with a NaN example', { type: 'example/open', requestId: 1, runId, exampleIndex: Number.NaN }],
  ['details without a candidate id', { type: 'candidate/details', requestId: 1, runId }],
  ['details with an empty candidate id', { type: 'candidate/details', requestId: 1, runId, candidateId: '' }],
  ['step details with a fractional step', { type: 'step/details', requestId: 1, runId, step: 1.5 }],
  ['step details without a runId', { type: 'step/details', requestId: 1, step: 1 }],
];

const row = { split: 'train', example: 3, line: 5, input: 'What is 2 + 2?', target: '4', output: 'It is 5.', answer: '5', correct: false };
const stepValue = { kind: 'stepDetails', step: 2, metaPrompt: 'Your task…', replies: ['<INS>A</INS>', ''], rejected: [{ text: 'A', reason: 'duplicate' }] };

const validToPanel: ToPanel[] = [
  { type: 'run/show', record: record as never, isLive: true, runFile: '/w/.opro/runs/a.json', prices: { 'gpt-x': { input: 1, output: 2 } } },
  { type: 'run/events', runId, events: [{ type: 'stepStarted', step: 1, totalSteps: 10 }] },
  { type: 'request/result', requestId: 3, ok: true },
  { type: 'request/result', requestId: 5, ok: true, value: { kind: 'candidateDetails', candidateId: 'c1', rows: [row as never], total: 1, wrong: 1, ungraded: 0 } },
  { type: 'request/result', requestId: 7, ok: true, value: { kind: 'candidateDetails', candidateId: 'c2', rows: [{ ...row, status: 'errored', error: '503' } as never], total: 1, wrong: 0, ungraded: 1 } },
  {
    type: 'request/result',
    requestId: 8,
    ok: true,
    value: { kind: 'candidateDetails', candidateId: 'c3', rows: [row as never], total: 1, wrong: 1, ungraded: 0, demos: [{ example: 3, line: 4, input: 'What is 2 + 3?', target: '5' }], prompt: 'Add.\n\nExamples:\n\nQ: What is 2 + 3?\nA: 5' },
  },
  { type: 'request/result', requestId: 6, ok: true, value: stepValue as never },
  { type: 'request/result', requestId: 4, ok: false, error: 'No editor holds the prompt.' },
  { type: 'notice/show', level: 'error', message: 'Could not read the run.' },
];

const malformedToPanel: [string, unknown][] = [
  ['an unknown type', { type: 'run/replace', record }],
  ['show without a record', { type: 'run/show', isLive: false }],
  ['show with a record lacking candidates', { type: 'run/show', record: { ...record, candidates: undefined }, isLive: false }],
  ['show with an unknown status', { type: 'run/show', record: { ...record, status: 'paused' }, isLive: false }],
  ['show without isLive', { type: 'run/show', record }],
  ['show with a numeric runFile', { type: 'run/show', record, isLive: false, runFile: 3 }],
  ['show with a negative price', { type: 'run/show', record, isLive: false, prices: { m: { input: -1, output: 1 } } }],
  ['events without runId', { type: 'run/events', events: [] }],
  ['events that are not an array', { type: 'run/events', runId, events: {} }],
  ['events with an unknown event type', { type: 'run/events', runId, events: [{ type: 'runExploded' }] }],
  ['a result without requestId', { type: 'request/result', ok: true }],
  ['a result with a non-boolean ok', { type: 'request/result', requestId: 1, ok: 'yes' }],
  ['a failed result without error', { type: 'request/result', requestId: 1, ok: false }],
  ['a result with a value of an unknown kind', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'everything' } }],
  ['candidate details with a row lacking its output', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'candidateDetails', candidateId: 'c', rows: [{ ...row, output: undefined }], total: 1, wrong: 1, ungraded: 0 } }],
  ['candidate details with an unknown split', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'candidateDetails', candidateId: 'c', rows: [{ ...row, split: 'test' }], total: 1, wrong: 1, ungraded: 0 } }],
  ['candidate details with an unknown example status', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'candidateDetails', candidateId: 'c', rows: [{ ...row, status: 'skipped' }], total: 1, wrong: 0, ungraded: 1 } }],
  ['candidate details with a demonstration lacking its line', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'candidateDetails', candidateId: 'c', rows: [row], total: 1, wrong: 1, ungraded: 0, demos: [{ example: 3, input: 'q', target: 'a' }], prompt: 'p' } }],
  ['candidate details with demonstrations not in a list', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'candidateDetails', candidateId: 'c', rows: [row], total: 1, wrong: 1, ungraded: 0, demos: { example: 3 } } }],
  ['candidate details with a numeric whole prompt', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'candidateDetails', candidateId: 'c', rows: [row], total: 1, wrong: 1, ungraded: 0, prompt: 5 } }],
  ['candidate details without the ungraded count', { type: 'request/result', requestId: 1, ok: true, value: { kind: 'candidateDetails', candidateId: 'c', rows: [row], total: 1, wrong: 1 } }],
  ['step details with a numeric reply', { type: 'request/result', requestId: 1, ok: true, value: { ...stepValue, replies: [3] } }],
  ['step details without a meta-prompt', { type: 'request/result', requestId: 1, ok: true, value: { ...stepValue, metaPrompt: undefined } }],
  ['a show whose record has no row counts (a whole old record)', { type: 'run/show', record: { ...record, trainRows: undefined }, isLive: false }],
  ['a notice with an unknown level', { type: 'notice/show', level: 'debug', message: 'x' }],
  ['a notice without message', { type: 'notice/show', level: 'info' }],
];

describe('webview protocol guards', () => {
  describe('parseToHost', () => {
    for (const message of validToHost) {
      it(`accepts a valid ${message.type} message as it is`, () => {
        assert.deepEqual(parseToHost(message), message);
      });
    }
    for (const [name, raw] of malformedToHost) {
      it(`refuses ${name}`, () => {
        assert.equal(parseToHost(raw), undefined);
      });
    }
    it('drops fields a message type does not have', () => {
      const raw = { type: 'run/stop', requestId: 1, runId, text: 'extra', __proto__x: 1 };
      assert.deepEqual(parseToHost(raw), { type: 'run/stop', requestId: 1, runId });
    });
  });

  describe('parseToPanel', () => {
    for (const message of validToPanel) {
      it(`accepts a valid ${message.type} message${message.type === 'request/result' ? ` (ok: ${String(message.ok)}${message.ok && message.value !== undefined ? `, ${message.value.kind}` : ''})` : ''}`, () => {
        assert.deepEqual(parseToPanel(message), message);
      });
    }
    for (const [name, raw] of malformedToPanel) {
      it(`refuses ${name}`, () => {
        assert.equal(parseToPanel(raw), undefined);
      });
    }
  });

  describe('parsePanelState', () => {
    it('keeps well-typed fields and drops the others', () => {
      const raw = { runFile: '/w/.opro/runs/a.json', selectedId: 'abc', filter: 7, rowLimit: 400, scrollY: -3, other: true };
      assert.deepEqual(parsePanelState(raw), { runFile: '/w/.opro/runs/a.json', selectedId: 'abc', rowLimit: 400 });
    });
    it('reads anything that is not an object as an empty state', () => {
      assert.deepEqual(parsePanelState(undefined), {});
      assert.deepEqual(parsePanelState('state'), {});
    });
  });

  describe('readPromptSource', () => {
    it('reads file and line from the run meta', () => {
      assert.deepEqual(readPromptSource({ meta: { source: { file: 'src/a.ts', line: 3, languageId: 'typescript' } } }), { file: 'src/a.ts', line: 3 });
    });
    it('ignores a source without a numeric line', () => {
      assert.equal(readPromptSource({ meta: { source: { file: 'src/a.ts', line: '3' } } }), undefined);
      assert.equal(readPromptSource({}), undefined);
    });
  });
});

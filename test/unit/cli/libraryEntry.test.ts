import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ProgressReporter } from '../../../src/cli/progress';
import type { RunView } from '../../../src/core/runView';

const CORE_BUNDLE = join(__dirname, '..', '..', '..', 'out', 'test-core', 'core.js');

describe('the library entry dist/core.js', () => {
  before(async () => {
    await build({ entryPoints: ['src/core/index.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: CORE_BUNDLE, logLevel: 'error' });
  });

  it('exports buildMetaPrompt, isCorrect, checkAnswer and loadDataset as CommonJS with the documented signatures', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the point is to load the CommonJS bundle as users do
    const core = require(CORE_BUNDLE) as typeof import('../../../src/core/index');
    const text = core.buildMetaPrompt({
      history: [{ instruction: 'Solve.', score: 0.5 }],
      exemplars: [{ input: 'What is 1 + 1?', target: '2' }],
      position: 'Q_begin',
      includeQA: false,
      scoreThreshold: 0,
      maxInstructions: 20,
      scoreBuckets: null,
    });
    assert.match(text, /\ntext:\nSolve\.\nscore:\n0\.5\n/);
    assert.equal(core.isCorrect('The answer is 46.', '46', 'number'), true);
    assert.equal(core.isCorrect('valid', 'invalid', 'boolean'), false);
    assert.deepEqual(core.checkAnswer('Answer: (b)', 'B', { kind: 'choice' }), { answer: '(B)', correct: true });
    assert.equal(core.judge, core.checkAnswer);
    await assert.rejects(core.loadDataset(join(__dirname, 'missing.jsonl')), /missing\.jsonl/);
  });
});

describe('the progress display', () => {
  const record = { id: 'r1', config: { steps: 4 }, trainRows: 2, validationRows: 0, metric: { kind: 'number' } } as unknown as RunView;
  const usage = { calls: 12, cachedCalls: 0, failedCalls: 0, retries: 0, promptTokens: 9000, completionTokens: 3000, byModel: {} };

  it('redraws one bar in place on a terminal', () => {
    let out = '';
    const progress = new ProgressReporter({ isTTY: true, columns: 120, write: (t: string) => (out += t) });
    progress.handle({ type: 'runStarted', record, resumed: false });
    progress.handle({ type: 'stepStarted', step: 2, totalSteps: 4 });
    progress.handle({ type: 'candidateScored', candidate: { score: 0.625 } as never, usage });
    assert.match(out, /\r\[#{10}\.{10}\] step 2\/4 · 1 scored · best 62\.5% · 12 calls · 12\.0k tokens\x1b\[K$/);
  });

  it('prints no bar, only whole lines, when stderr is not a terminal', () => {
    let out = '';
    const progress = new ProgressReporter({ isTTY: false, write: (t: string) => (out += t) });
    progress.handle({ type: 'candidateScored', candidate: { score: 0.5 } as never, usage });
    progress.handle({ type: 'runCancelled', usage });
    assert.equal(out, 'cancelled: everything finished so far is saved\n');
  });
});

import assert from 'node:assert/strict';
import { clipText, failuresBlock, FAILURE_TEXT_CHARS } from '../../../../src/core/prompt/failureFeedback';
import { buildMetaPrompt, type MetaPromptOptions } from '../../../../src/core/prompt/metaPrompt';

const OPEN = 'Your task is to generate the instruction <INS>. Below are some previous instructions with their scores. The score ranges from 0 to 100.\n';
const CLOSE =
  '\n\nGenerate an instruction that is different from all the instructions <INS> above, and has a higher score than all the instructions <INS> above. The instruction should begin with <INS> and end with </INS>. The instruction should be concise, effective, and generally applicable to all problems above.';

const BASE: MetaPromptOptions = {
  history: [
    { instruction: 'Solve it.', score: 0.5 },
    { instruction: 'Solve it step by step.', score: 0.7 },
  ],
  exemplars: [{ input: 'What is 2 + 3?', target: '5' }],
  position: 'Q_begin',
  includeQA: false,
};

describe('the feedback meta-prompt', () => {
  it('shows each failure with the model’s answer and the expected one, between the exemplars and the closing request', () => {
    const text = buildMetaPrompt({
      ...BASE,
      failures: [
        { input: 'What is 7 + 8?', output: 'The answer is 16.', target: '15' },
        { input: 'What is 1 + 1?', output: 'Two.', target: '2' },
      ],
    });
    assert.equal(
      text,
      OPEN +
        '\ntext:\nSolve it.\nscore:\n50\n' +
        '\ntext:\nSolve it step by step.\nscore:\n70\n' +
        '\n\nBelow are some problems.\n' +
        '\nProblem:\n<INS>\nWhat is 2 + 3?\n\nGround truth answer:\n5\n' +
        "\n\nBelow are some problems that the best instruction above gets wrong, with the model's answer and the expected answer. The new instruction should help the model get problems like these right.\n" +
        '\nProblem:\nWhat is 7 + 8?\nModel answer:\nThe answer is 16.\nExpected answer:\n15\n' +
        '\nProblem:\nWhat is 1 + 1?\nModel answer:\nTwo.\nExpected answer:\n2\n' +
        CLOSE,
    );
  });

  it('adds the judge’s reason where there is one, and says so', () => {
    const block = failuresBlock(
      [
        { input: 'Summarize: a long text', output: 'Short.', target: 'A summary.', reason: 'Misses the main point.' },
        { input: 'Summarize: another', output: 'x', target: 'y', reason: '' },
      ],
      false,
    );
    assert.equal(
      block,
      "\n\nBelow are some problems that the best instruction above gets wrong, with the model's answer, the expected answer and the judge's reason. The new instruction should help the model get problems like these right.\n" +
        "\nProblem:\nSummarize: a long text\nModel answer:\nShort.\nExpected answer:\nA summary.\nJudge's reason:\nMisses the main point.\n" +
        '\nProblem:\nSummarize: another\nModel answer:\nx\nExpected answer:\ny\n',
    );
  });

  it('speaks of starting sentences for A_begin', () => {
    assert.match(failuresBlock([{ input: 'q', output: 'a', target: 'b' }], true), /^\n\nBelow are some problems that the best starting sentence above gets wrong, .* The new starting sentence should/);
  });

  it('cuts long texts: the input and the expected answer keep their start, the model’s answer its end', () => {
    const long = 'x'.repeat(FAILURE_TEXT_CHARS) + 'END';
    const block = failuresBlock([{ input: long, output: 'START' + 'y'.repeat(FAILURE_TEXT_CHARS), target: long }], false);
    assert.ok(block.includes(`\nProblem:\n${'x'.repeat(FAILURE_TEXT_CHARS)}…\nModel answer:\n…${'y'.repeat(FAILURE_TEXT_CHARS)}\nExpected answer:\n${'x'.repeat(FAILURE_TEXT_CHARS)}…\n`), block);
    assert.equal(clipText('  short \n', 10), 'short');
    assert.equal(clipText('ab😀cd', 3), 'ab😀…');
  });

  it('is byte-identical to OPRO’s meta-prompt without failures', () => {
    assert.equal(buildMetaPrompt({ ...BASE, failures: [] }), buildMetaPrompt(BASE));
    assert.equal(failuresBlock([], false), '');
  });
});

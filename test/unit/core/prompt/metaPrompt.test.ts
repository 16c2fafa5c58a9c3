import assert from 'node:assert/strict';
import { buildMetaPrompt } from '../../../../src/core/prompt/metaPrompt';

const OPEN = 'Your task is to generate the instruction <INS>. Below are some previous instructions with their scores. The score ranges from 0 to 100.\n';
const CLOSE =
  '\n\nGenerate an instruction that is different from all the instructions <INS> above, and has a higher score than all the instructions <INS> above. The instruction should begin with <INS> and end with </INS>. The instruction should be concise, effective, and generally applicable to all problems above.';

describe('buildMetaPrompt', () => {
  const history = [
    { instruction: 'Solve it.', score: 0.5 },
    { instruction: "Let's think step by step.", score: 0.715 },
    { instruction: 'Answer.', score: 0.125 },
  ];

  it('lists the history by ascending score with integer-percent scores, then the exemplars and the request', () => {
    const text = buildMetaPrompt({
      history,
      exemplars: [{ input: 'What is 2 + 3?', target: '5' }],
      position: 'Q_begin',
      includeQA: false,
    });
    assert.equal(
      text,
      OPEN +
        '\ntext:\nAnswer.\nscore:\n12\n' +
        '\ntext:\nSolve it.\nscore:\n50\n' +
        "\ntext:\nLet's think step by step.\nscore:\n72\n" +
        '\n\nBelow are some problems.\n' +
        '\nProblem:\n<INS>\nWhat is 2 + 3?\n\nGround truth answer:\n5\n' +
        CLOSE,
    );
  });

  it('rounds exact halves to even like Python (12.5 -> 12, 0.0625 -> 0.062)', () => {
    const bucketed = buildMetaPrompt({ history: [{ instruction: 'a', score: 0.125 }, { instruction: 'b', score: 0.135 }], exemplars: [], position: 'Q_begin', includeQA: false });
    assert.match(bucketed, /text:\na\nscore:\n12\n/);
    assert.match(bucketed, /text:\nb\nscore:\n14\n/);
    const raw = buildMetaPrompt({
      history: [{ instruction: 'a', score: 0.0625 }, { instruction: 'b', score: 1 }, { instruction: 'c', score: 0.28 }],
      exemplars: [],
      position: 'Q_begin',
      includeQA: false,
      scoreBuckets: null,
    });
    assert.equal(raw, `${OPEN}\ntext:\na\nscore:\n0.062\n\ntext:\nc\nscore:\n0.28\n\ntext:\nb\nscore:\n1.0\n${CLOSE}`);
  });

  it('keeps the best maxInstructions first, then drops those under the threshold, ties in history order', () => {
    const text = buildMetaPrompt({
      history: [
        { instruction: 'low', score: 0.1 },
        { instruction: 'tie-first', score: 0.6 },
        { instruction: 'mid', score: 0.4 },
        { instruction: 'tie-second', score: 0.6 },
      ],
      exemplars: [],
      position: 'Q_begin',
      includeQA: false,
      maxInstructions: 3,
      scoreThreshold: 0.5,
    });
    assert.equal(text, `${OPEN}\ntext:\ntie-first\nscore:\n60\n\ntext:\ntie-second\nscore:\n60\n${CLOSE}`);
  });

  it('uses the <Start> wording and the Q/A exemplar for A_begin', () => {
    const text = buildMetaPrompt({ history: [{ instruction: 'Sure.', score: 0.3 }], exemplars: [{ input: 'Q1', target: 'A1' }], position: 'A_begin', includeQA: true });
    assert.ok(text.startsWith('Your task is to generate the answer starting sentence <Start>.'));
    assert.ok(text.includes('\n\nBelow are some problems.\n\nQ: Q1\nA: <Start>\nGround truth answer:\nA1\n'));
    assert.ok(text.endsWith('generally applicable to all QA pairs above.'));
  });

  const layouts: [string, boolean, string][] = [
    ['Q_end', false, '\nProblem:\nQ1\n<INS>\n'],
    ['before_Q', true, '\ninput:\n<INS>\nQ: Q1\nA:'],
    ['Q_begin', true, '\ninput:\nQ: <INS>\nQ1\nA:'],
    ['Q_end', true, '\ninput:\nQ: Q1\n<INS>\nA:'],
  ];
  for (const [position, includeQA, block] of layouts) {
    it(`writes the ${position} exemplar ${includeQA ? 'with' : 'without'} Q/A exactly`, () => {
      const text = buildMetaPrompt({ history: [], exemplars: [{ input: 'Q1', target: 'A1' }], position: position as 'Q_end', includeQA });
      assert.equal(text, `${OPEN}\n\nBelow are some problems.\n${block}\nGround truth answer:\nA1\n${CLOSE}`);
    });
  }

  it('gives the same text for the same inputs and keeps any Unicode as is', () => {
    const options = { history: [{ instruction: 'Don’t guess — vérifie 計算.', score: 0.5 }], exemplars: [], position: 'Q_begin' as const, includeQA: false };
    assert.equal(buildMetaPrompt(options), buildMetaPrompt(structuredClone(options)));
    assert.ok(buildMetaPrompt(options).includes('Don’t guess — vérifie 計算.'));
  });

  it('reminds the optimizer to keep the placeholders of a template', () => {
    const text = buildMetaPrompt({ history: [{ instruction: 'Translate {{text}} to {{lang}}.', score: 0.5 }], exemplars: [], position: 'template', includeQA: false });
    assert.ok(text.endsWith('must contain each of the placeholders {{text}}, {{lang}} exactly as written, and no other placeholders.'));
  });
});

import assert from 'node:assert/strict';
import { draftMessages, parseDraft, scaffoldColumns, scaffoldText } from '../../../../src/extension/dataset/datasetScaffold';

describe('dataset scaffold', () => {
  it("has the prompt's placeholder columns, or one input column, plus an empty answer", () => {
    assert.deepEqual(scaffoldColumns('Rate {{review}} in {{lang}}'), ['review', 'lang']);
    assert.deepEqual(scaffoldColumns('Solve it.'), ['input']);
    assert.deepEqual(scaffoldColumns('Solve it.', 'question'), ['question']);
    assert.equal(scaffoldText(['review']), '{"review":"","answer":""}\n'.repeat(3));
    assert.equal(scaffoldText(['review'], [{ review: 'Great "phone"' }]), '{"review":"Great \\"phone\\"","answer":""}\n');
  });

  it('asks for the columns by name and never for the answers', () => {
    const [system, user] = draftMessages('Rate {{review}}', ['review'], 10);
    assert.match(system?.content ?? '', /JSON Lines only/);
    assert.match(user?.content ?? '', /Write 10 varied, realistic inputs.*"review".*Do not write the expected answers/s);
  });

  it('reads JSON lines (extra keys dropped, fences and junk skipped), at most the count', () => {
    const reply = '```jsonl\n{"review": "Loved it", "answer": "pos"}\nnot json\n{"review": 5}\n{"other": "x"}\n{"review": "Meh"}\n```';
    assert.deepEqual(parseDraft(reply, ['review'], 2), [{ review: 'Loved it' }, { review: '5' }]);
  });

  it('reads a numbered list as inputs of a single column', () => {
    assert.deepEqual(parseDraft('1. What is 2 + 2?\n2) Add 3 and 4.\n- Sum 5 and 6.', ['input'], 10), [{ input: 'What is 2 + 2?' }, { input: 'Add 3 and 4.' }, { input: 'Sum 5 and 6.' }]);
  });
});

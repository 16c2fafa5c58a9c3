import assert from 'node:assert/strict';
import { isDemoSafe, promptWithDemos, templateWithDemos } from '../../../../src/core/prompt/demonstrations';

const DEMOS = [
  { input: 'What is 2 + 3?', target: '5', fields: { question: 'What is 2 + 3?', answer: '5' } },
  { input: 'What is 10 + 4?', target: '14', fields: { question: 'What is 10 + 4?', answer: '14' } },
];

describe('demonstrations in the prompt', () => {
  it('leaves the instruction as it is without demonstrations', () => {
    assert.equal(promptWithDemos('Solve it.', [], 'Q_begin'), 'Solve it.');
    assert.equal(promptWithDemos('Q: {{question}}', [], 'template'), 'Q: {{question}}');
  });

  it('follows the instruction with an Examples block of Q/A pairs, one blank line apart', () => {
    assert.equal(promptWithDemos('Solve it.', DEMOS, 'Q_begin'), 'Solve it.\n\nExamples:\n\nQ: What is 2 + 3?\nA: 5\n\nQ: What is 10 + 4?\nA: 14');
    assert.equal(promptWithDemos('Solve it.', DEMOS.slice(0, 1), 'system'), 'Solve it.\n\nExamples:\n\nQ: What is 2 + 3?\nA: 5');
    assert.equal(promptWithDemos('', DEMOS.slice(0, 1), 'Q_end'), 'Examples:\n\nQ: What is 2 + 3?\nA: 5');
  });

  it('writes them in the template’s own format between its instruction and its example part', () => {
    const template = 'You are a careful tutor.\n\nQuestion: {{question}}\nAnswer:';
    assert.equal(
      templateWithDemos(template, DEMOS),
      'You are a careful tutor.\n\nQuestion: What is 2 + 3?\nAnswer: 5\n\nQuestion: What is 10 + 4?\nAnswer: 14\n\nQuestion: {{question}}\nAnswer:',
    );
    assert.equal(promptWithDemos(template, DEMOS, 'template'), templateWithDemos(template, DEMOS));
  });

  it('puts the answer on its own line when the template’s example part does not end with a colon, and leads with demonstrations when the template starts with a placeholder', () => {
    assert.equal(templateWithDemos('{{question}}\nReply with a number.', DEMOS.slice(0, 1)), 'What is 2 + 3?\nReply with a number.\n5\n\n{{question}}\nReply with a number.');
  });

  it('falls back to the plain format for a template without placeholders', () => {
    assert.equal(templateWithDemos('Be brief.', DEMOS.slice(0, 1)), 'Be brief.\n\nExamples:\n\nQ: What is 2 + 3?\nA: 5');
  });

  it('keeps rows whose values look like placeholders out of template demonstrations', () => {
    assert.equal(isDemoSafe(DEMOS[0]!), true);
    assert.equal(isDemoSafe({ input: 'Fill {{name}} in', target: 'x' }), false);
    assert.equal(isDemoSafe({ input: 'a', target: 'b', fields: { note: '{{ question }}' } }), false);
  });
});

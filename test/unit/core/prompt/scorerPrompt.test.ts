import assert from 'node:assert/strict';
import type { Example } from '../../../../src/core/dataset/types';
import type { Position } from '../../../../src/core/prompt/position';
import { buildScorerMessages } from '../../../../src/core/prompt/scorerPrompt';

const example: Example = { index: 0, line: 1, input: 'What is 2 + 3?', target: '5', fields: { question: 'What is 2 + 3?', lang: 'French' } };

function userText(instruction: string, position: Position, includeQA: boolean): string {
  const messages = buildScorerMessages(instruction, example, { position, includeQA });
  assert.equal(messages.length, 1);
  assert.equal(messages[0]?.role, 'user');
  return messages[0]?.content ?? '';
}

describe('buildScorerMessages', () => {
  const cases: [Position, boolean, string][] = [
    ['before_Q', true, 'Think.\nQ: What is 2 + 3?\n\nA:'],
    ['Q_begin', true, 'Q: Think.\nWhat is 2 + 3?\n\nA:'],
    ['Q_end', true, 'Q: What is 2 + 3?\nThink.\n\nA:'],
    ['A_begin', true, 'Q: What is 2 + 3?\n\nA: Think.'],
    ['Q_begin', false, 'Think.\nWhat is 2 + 3?'],
    ['Q_end', false, 'What is 2 + 3?\nThink.'],
  ];
  for (const [position, includeQA, expected] of cases) {
    it(`lays out ${position} ${includeQA ? 'with' : 'without'} Q/A as OPRO does`, () => {
      assert.equal(userText('Think.', position, includeQA), expected);
    });
  }

  it('drops the instruction line when the instruction is empty', () => {
    assert.equal(userText('', 'Q_begin', true), 'Q: What is 2 + 3?\n\nA:');
    assert.equal(userText('', 'Q_end', false), 'What is 2 + 3?');
  });

  it('sends the instruction as the system message in system position', () => {
    assert.deepEqual(buildScorerMessages('Be brief.', example, { position: 'system', includeQA: false }), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is 2 + 3?' },
    ]);
  });

  it('fills every placeholder from the row in template position', () => {
    assert.equal(userText('Answer in {{lang}}: {{ question }}', 'template', false), 'Answer in French: What is 2 + 3?');
  });
});

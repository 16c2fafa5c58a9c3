import assert from 'node:assert/strict';
import { extractChoice, checkChoice, parseChoiceTarget } from '../../../../src/core/metrics/choice';
import { parseChoiceOptions } from '../../../../src/core/metrics/choiceOptions';

const QUESTION = 'Which city is in England?\nOptions:\n(A) Paris\n(B) London\n(C) New York\n(D) York';
const OPTIONS = parseChoiceOptions(QUESTION);

describe('extractChoice', () => {
  it('does not accept `(a) or (b)` for `(A)` (official defect: target contained in prediction)', () => {
    assert.equal(extractChoice('(a) or (b)'), '');
    assert.deepEqual(checkChoice('(a) or (b)', '(A)'), { answer: '', correct: false });
    assert.deepEqual(checkChoice('The answer is (A) or (B).', '(A)'), { answer: '', correct: false });
  });
  it('reads a bracketed letter', () => {
    assert.equal(extractChoice('(B)'), 'B');
    assert.equal(extractChoice('I pick (C) here'), 'C');
  });
  it('reads a letter with only a closing bracket', () => {
    assert.equal(extractChoice('B)'), 'B');
  });
  it('reads a lowercase letter after a capitalised marker', () => {
    assert.equal(extractChoice('Answer: (b)'), 'B');
    assert.equal(extractChoice('answer: b'), 'B');
  });
  it('reads a bare letter after `answer is`', () => {
    assert.equal(extractChoice('The answer is B'), 'B');
    assert.equal(extractChoice('So the answer is **D**.'), 'D');
    assert.equal(extractChoice('The answer is option C because it fits'), 'C');
  });
  it('reads an output that is only a letter', () => {
    assert.equal(extractChoice('B'), 'B');
    assert.equal(extractChoice(' b. '), 'B');
  });
  it('reads only the text after the last answer marker when the reasoning names other options', () => {
    assert.equal(extractChoice('(A) is wrong, (B) is right. So the answer is (B).'), 'B');
  });
  it('treats several bracketed letters without a marker as ambiguous', () => {
    assert.equal(extractChoice('(A) is wrong and (B) is right'), '');
  });
  it('does not take the article `a` for option A', () => {
    assert.equal(extractChoice('The answer is a bird'), '');
  });
  it('does not take `I` for an option when the options are known', () => {
    assert.equal(extractChoice('Answer: I think London', OPTIONS), 'B');
  });
  it('does not read `apple(s)` as option S', () => {
    assert.equal(extractChoice('She buys apple(s)'), '');
  });
  it('maps an output naming exactly one option text to its letter', () => {
    assert.equal(extractChoice('The answer is London.', OPTIONS), 'B');
    assert.equal(extractChoice('paris', OPTIONS), 'A');
  });
  it('prefers the longer option text when one contains another', () => {
    assert.equal(extractChoice('It is New York', OPTIONS), 'C');
  });
  it('gives no answer when the output names two option texts', () => {
    assert.equal(extractChoice('Either Paris or London', OPTIONS), '');
  });
  it('ignores a new question the model starts', () => {
    assert.equal(extractChoice('The answer is (B).\nQ: Which is (C)?'), 'B');
  });
});

describe('parseChoiceOptions', () => {
  it('reads bracketed options on one line', () => {
    assert.deepEqual([...parseChoiceOptions('Capital? (A) Paris (B) London')], [['A', 'Paris'], ['B', 'London']]);
  });
  it('reads options given one per line as `A. text` or `A) text`', () => {
    assert.deepEqual([...parseChoiceOptions('Pick one.\nA. Paris\nB) London\nAnswer:')], [['A', 'Paris'], ['B', 'London']]);
  });
  it('finds no options in plain text or a missing input', () => {
    assert.equal(parseChoiceOptions('What is 2 + 2?').size, 0);
    assert.equal(parseChoiceOptions(undefined).size, 0);
  });
});

describe('parseChoiceTarget', () => {
  it('accepts `(A)`, `A` and `a`', () => {
    assert.deepEqual(['(A)', 'A', 'a', ' (c) '].map((target) => parseChoiceTarget(target)), ['A', 'A', 'A', 'C']);
  });
  it('maps an option text to its letter', () => {
    assert.equal(parseChoiceTarget('london', OPTIONS), 'B');
  });
  it('gives an empty string for anything else', () => {
    assert.equal(parseChoiceTarget('Berlin', OPTIONS), '');
  });
});

describe('checkChoice', () => {
  it('accepts the letter whatever the target format', () => {
    assert.deepEqual(checkChoice('The answer is (b).', 'B'), { answer: '(B)', correct: true });
    assert.deepEqual(checkChoice('B', '(B)'), { answer: '(B)', correct: true });
    assert.deepEqual(checkChoice('Answer: B', 'b'), { answer: '(B)', correct: true });
  });
  it('rejects a different letter', () => {
    assert.deepEqual(checkChoice('(C)', '(B)'), { answer: '(C)', correct: false });
  });
  it('reads option texts from the context input', () => {
    assert.deepEqual(checkChoice('The answer is London', '(B)', { input: QUESTION }), { answer: '(B)', correct: true });
  });
  it('accepts a target given as the option text', () => {
    assert.deepEqual(checkChoice('(B)', 'London', { input: QUESTION }), { answer: '(B)', correct: true });
  });
  it('compares a target that is no option like exact text', () => {
    assert.deepEqual(checkChoice('The answer is Berlin.', 'berlin'), { answer: 'Berlin.', correct: true });
  });
  it('survives curly apostrophes', () => {
    assert.deepEqual(checkChoice('It’s (A)', '(A)', { input: 'Which one’s right? (A) Paris’ (B) London’s' }), {
      answer: '(A)',
      correct: true,
    });
  });
});

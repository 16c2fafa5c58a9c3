import assert from 'node:assert/strict';
import { extractBoolean, checkBoolean } from '../../../../src/core/metrics/boolean';

describe('checkBoolean', () => {
  it('does not accept `valid` for the target `invalid` (official defect: target contained in prediction)', () => {
    assert.deepEqual(checkBoolean('valid', 'invalid'), { answer: 'valid', correct: false });
  });
  it('does not read `invalid` as `valid`', () => {
    assert.deepEqual(checkBoolean('The argument is invalid.', 'valid'), { answer: 'invalid', correct: false });
    assert.deepEqual(checkBoolean('The argument is invalid.', 'invalid'), { answer: 'invalid', correct: true });
  });
  it('matches yes/no, true/false, valid/invalid across pairs', () => {
    assert.equal(checkBoolean('Yes', 'True').correct, true);
    assert.equal(checkBoolean('false', 'no').correct, true);
    assert.equal(checkBoolean('valid', 'yes').correct, true);
    assert.equal(checkBoolean('No.', 'yes').correct, false);
  });
  it('reads 1 and 0', () => {
    assert.equal(checkBoolean('1', 'yes').correct, true);
    assert.equal(checkBoolean('Answer: 0', 'False').correct, true);
  });
  it('reads correct/incorrect and right/wrong after a marker', () => {
    assert.equal(checkBoolean('The answer is: incorrect', 'false').correct, true);
    assert.equal(checkBoolean('Answer: right', 'true').correct, true);
  });
  it('never meets a target that is not a boolean word', () => {
    assert.deepEqual(checkBoolean('yes', 'maybe'), { answer: 'yes', correct: false });
  });
  it('gives no answer when the output has no decisive word', () => {
    assert.deepEqual(checkBoolean('I am not sure.', 'yes'), { answer: '', correct: false });
  });
});

describe('extractBoolean', () => {
  it('reads the word after the last answer marker', () => {
    assert.deepEqual(extractBoolean('Yes, it seems so at first. The answer is yes. Final answer: No'), { word: 'No', value: false });
  });
  it('reads a capitalised marker', () => {
    assert.deepEqual(extractBoolean('There is no doubt. ANSWER: Valid'), { word: 'Valid', value: true });
  });
  it('skips a later marker that has no decisive word after it', () => {
    assert.deepEqual(extractBoolean('The answer is no. I hope my answer: is clear'), { word: 'no', value: false });
  });
  it('reads the first decisive word when there is no marker', () => {
    assert.deepEqual(extractBoolean('No, the sky is green is false'), { word: 'No', value: false });
  });
  it('reads an output that is only a decisive word, with punctuation', () => {
    assert.deepEqual(extractBoolean('"Correct!"'), { word: 'Correct', value: true });
  });
  it('does not let reasoning words like `right` or counts like `1` decide without a marker', () => {
    assert.deepEqual(extractBoolean('Right, 1 premise holds, so yes'), { word: 'yes', value: true });
  });
  it('ignores a new question the model starts', () => {
    assert.deepEqual(extractBoolean('Answer: yes\nQ: Is this no?'), { word: 'yes', value: true });
  });
});

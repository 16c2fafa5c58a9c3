import assert from 'node:assert/strict';
import { extractNumber, numbersEqual } from '../../../../src/core/metrics/number';

describe('extractNumber: official defects', () => {
  it('reads `Answer: 46` despite the capital A (official defect: case-sensitive marker)', () => {
    assert.equal(extractNumber('Some steps give 40 and 6. Answer: 46'), '46');
    assert.equal(extractNumber('THE ANSWER IS 46, not 50'), '46');
  });
});

describe('extractNumber: answer markers', () => {
  it('takes the first number after the last `answer is`', () => {
    assert.equal(extractNumber('First 3 then 4. The answer is 7 apples, or 7.0 exactly'), '7');
  });
  it('reads `#### 72`', () => {
    assert.equal(extractNumber('She sells 48 + 24 clips.\n#### 72'), '72');
  });
  it('reads `answer is:` and `answer:`', () => {
    assert.equal(extractNumber('The answer is: 15'), '15');
    assert.equal(extractNumber('answer: 15 (from 5 * 3)'), '15');
  });
  it('uses the last of several markers', () => {
    assert.equal(extractNumber('The answer is 10. Wait, recheck. The answer is 12.'), '12');
  });
  it('falls back to `is:` and `are:` when there is no answer marker', () => {
    assert.equal(extractNumber('Step 1 gives 8. The total is: 40 and 3 more'), '40');
    assert.equal(extractNumber('The results are: 9 then 2'), '9');
  });
  it('takes the last number when there is no marker at all', () => {
    assert.equal(extractNumber('She had 5 apples and bought 3, so 8 in total'), '8');
  });
});

describe('extractNumber: the parts of the text it ignores', () => {
  it('cuts at a following `Q:` where the model starts a new question', () => {
    assert.equal(extractNumber('The answer is 12. Q: next question 99'), '12');
    assert.equal(extractNumber('So she has 12.\nQ: How many legs do 99 ants have?'), '12');
  });
  it('keeps a leading `Q:` that only echoes the question', () => {
    assert.equal(extractNumber('Q: how many? A: The answer is 5.'), '5');
  });
  it('cuts before `is the correct answer`', () => {
    assert.equal(extractNumber('18 is the correct answer. Earlier I said 20'), '18');
    assert.equal(extractNumber('I thought 10, but 12 is the right answer, not 14'), '12');
    assert.equal(extractNumber('The answer is: 9 is the final answer (3 squared)'), '9');
  });
});

describe('extractNumber: \\boxed and equations', () => {
  it('prefers `\\boxed{}` over everything else', () => {
    assert.equal(extractNumber('\\boxed{18}'), '18');
    assert.equal(extractNumber('The answer is 20, no wait: \\boxed{18}. Then 99'), '18');
  });
  it('reads a LaTeX fraction inside \\boxed', () => {
    assert.equal(extractNumber('The answer is \\boxed{\\frac{3}{4}}'), '0.75');
  });
  it('takes the number after the last `=`', () => {
    assert.equal(extractNumber('so 5 + 7 = 12'), '12');
    assert.equal(extractNumber('2 * 3 = 6 and 6 + 6 = 12 apples'), '12');
    assert.equal(extractNumber('The answer is 5 + 7 = 12'), '12');
  });
  it('ignores an `=` with no number after it', () => {
    assert.equal(extractNumber('We have 5 apples, x = ?'), '5');
  });
});

describe('extractNumber: number formats', () => {
  it('strips `$`, thousands separators and a trailing period', () => {
    assert.equal(extractNumber('The answer is $1,234.50.'), '1234.5');
    assert.equal(extractNumber('It costs 1,000,000 dollars'), '1000000');
  });
  it('strips `%`, `€` and `£`', () => {
    assert.equal(extractNumber('The answer is 25%'), '25');
    assert.equal(extractNumber('It costs €5'), '5');
    assert.equal(extractNumber('It costs £7.5'), '7.5');
  });
  it('reads a comma that is not a thousands separator as a break between numbers', () => {
    assert.equal(extractNumber('The numbers are 3,4'), '4');
  });
  it('reads number words as digits', () => {
    assert.equal(extractNumber('She ends with eighteen apples'), '18');
    assert.equal(extractNumber('The answer is twenty-one'), '21');
    assert.equal(extractNumber('The answer is Ninety Nine'), '99');
    assert.equal(extractNumber('Zero'), '0');
  });
  it('does not read number words inside other words', () => {
    assert.equal(extractNumber('someone had 4 and none left'), '4');
  });
  it('reads negative numbers', () => {
    assert.equal(extractNumber('-3'), '-3');
    assert.equal(extractNumber('x = -7'), '-7');
    assert.equal(extractNumber('The temperature is −4 degrees'), '-4');
  });
  it('does not read the minus of a subtraction as a sign', () => {
    assert.equal(extractNumber('5-3 leaves 2'), '2');
    assert.equal(extractNumber('5-3'), '3');
  });
  it('turns fractions into decimals', () => {
    assert.equal(extractNumber('1/2'), '0.5');
    assert.equal(extractNumber('The answer is 3/4 of a cake'), '0.75');
  });
  it('rounds to 2 decimals by default and to `decimals` when given', () => {
    assert.equal(extractNumber('1/3'), '0.33');
    assert.equal(extractNumber('2.71828', { decimals: 0 }), '3');
    assert.equal(extractNumber('2.71828', { decimals: 4 }), '2.7183');
  });
  it('drops trailing zeros', () => {
    assert.equal(extractNumber('46.00'), '46');
  });
  it('reads a leading-dot decimal', () => {
    assert.equal(extractNumber('The answer is .5'), '0.5');
  });
});

describe('extractNumber: outputs without a number', () => {
  it('returns an empty string', () => {
    assert.equal(extractNumber('I cannot solve this.'), '');
    assert.equal(extractNumber(''), '');
    assert.equal(extractNumber('The answer is unknown'), '');
  });
  it('returns an empty string for a division by zero', () => {
    assert.equal(extractNumber('3/0'), '');
  });
  it('does not read digits glued to letters as numbers', () => {
    assert.equal(extractNumber('H2O'), '');
  });
  it('survives curly apostrophes and other non-ASCII text', () => {
    assert.equal(extractNumber('It’s “twelve” — the answer’s 12 ✓'), '12');
  });
});

describe('numbersEqual', () => {
  it('compares as numbers, so `46.0` equals `46` and `1,000` equals `1000`', () => {
    assert.equal(numbersEqual('46.0', '46'), true);
    assert.equal(numbersEqual('1,000', '1000'), true);
  });
  it('treats 0.5 and 1/2 as equal', () => {
    assert.equal(numbersEqual('0.5', '1/2'), true);
  });
  it('compares after rounding to `decimals`', () => {
    assert.equal(numbersEqual('0.333', '1/3', 2), true);
    assert.equal(numbersEqual('0.333', '1/3', 4), false);
  });
  it('is false when either side has no number', () => {
    assert.equal(numbersEqual('none', '0'), false);
    assert.equal(numbersEqual('', ''), false);
  });
  it('is false for different numbers', () => {
    assert.equal(numbersEqual('46', '47'), false);
  });
});

import assert from 'node:assert/strict';
import { OproError } from '../../../../src/core/errors';
import { containsText, checkContains, checkExact, checkRegex, normalizeText } from '../../../../src/core/metrics/text';

describe('normalizeText', () => {
  it('trims, collapses whitespace and lowercases', () => {
    assert.equal(normalizeText('  New\n  York\tCity '), 'new york city');
  });
  it('strips surrounding quotes and a trailing period in either order', () => {
    assert.deepEqual(['"Paris."', '"Paris".', "'Paris'", '`Paris`', 'Paris.'].map(normalizeText), Array(5).fill('paris'));
  });
  it('applies NFKC, so full-width letters and ligatures compare equal', () => {
    assert.equal(normalizeText('ＡＢＣ ﬁne'), 'abc fine');
  });
  it('makes curly quotes straight instead of failing on them (official defect: non-ASCII crash)', () => {
    assert.equal(normalizeText('“It’s fine”'), "it's fine");
  });
});

describe('checkExact', () => {
  it('accepts the same answer in another case and spacing', () => {
    assert.deepEqual(checkExact('  The  Eiffel Tower. ', 'the eiffel tower'), { answer: 'The Eiffel Tower.', correct: true });
  });
  it('rejects a longer answer', () => {
    assert.equal(checkExact('Paris, France', 'Paris').correct, false);
  });
  it('matches a curly apostrophe against a straight one', () => {
    assert.equal(checkExact('don’t', "don't").correct, true);
  });
});

describe('checkContains', () => {
  it('finds the target inside the output', () => {
    assert.equal(checkContains('I believe the capital is Paris, France.', 'paris').correct, true);
  });
  it('does not accept `valid` for the target `invalid` (official defect: substring contains)', () => {
    assert.equal(checkContains('The argument is valid.', 'invalid').correct, false);
    assert.equal(checkContains('The argument is invalid.', 'valid').correct, false);
  });
  it('needs no word boundary where the target starts or ends with punctuation', () => {
    assert.equal(containsText('see item(3)', '(3)'), true);
  });
  it('finds a target with non-ASCII letters at word boundaries', () => {
    assert.equal(containsText('Die Antwort ist Müller.', 'müller'), true);
    assert.equal(containsText('Die Antwort ist Müllerin.', 'müller'), false);
  });
  it('finds an empty target only in an empty output', () => {
    assert.equal(containsText('', ''), true);
    assert.equal(containsText('anything', ''), false);
  });
});

describe('checkRegex', () => {
  it('compares the first capture group of `pattern` to the target like exact', () => {
    assert.deepEqual(checkRegex('Reasoning…\nFinal: \'Paris\'', 'paris', 'final:\\s*(.+)'), { answer: "'Paris'", correct: true });
  });
  it('uses the whole match when the pattern has no group', () => {
    assert.deepEqual(checkRegex('code ABC-123 here', 'abc-123', '[A-Z]+-\\d+'), { answer: 'ABC-123', correct: true });
  });
  it('is wrong when the pattern does not match', () => {
    assert.deepEqual(checkRegex('nothing', 'x', 'final:(.+)'), { answer: '', correct: false });
  });
  it('treats the target as a case-insensitive pattern when there is no `pattern`', () => {
    assert.deepEqual(checkRegex('The year was 1969.', '19\\d\\d'), { answer: '1969', correct: true });
    assert.equal(checkRegex('PARIS', '^paris$').correct, true);
    assert.equal(checkRegex('Lyon', 'paris|london').correct, false);
  });
  it('throws a config OproError naming an invalid pattern', () => {
    assert.throws(
      () => checkRegex('x', 'x', '(unclosed'),
      (err: unknown) => err instanceof OproError && err.kind === 'config' && err.message.includes('`(unclosed`'),
    );
  });
  it('throws a config OproError naming an invalid target used as the pattern', () => {
    assert.throws(
      () => checkRegex('x', '[a-'),
      (err: unknown) => err instanceof OproError && err.kind === 'config' && err.message.includes('`[a-`'),
    );
  });
  it('matches curly apostrophes in the output against straight ones in the pattern', () => {
    assert.equal(checkRegex('It’s done', "it's").correct, true);
  });
});

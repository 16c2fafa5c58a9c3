import assert from 'node:assert/strict';
import { locateToken, shiftOffset } from '../../../../src/extension/insertion/locateToken';

describe('locateToken', () => {
  it('finds the token where it was', () => {
    assert.deepEqual(locateToken('a "x" b "x"', '"x"', 8), { start: 8, end: 11 });
  });

  it('finds the nearest occurrence after edits moved it', () => {
    assert.deepEqual(locateToken('new line\na "x" b "x"', '"x"', 8), { start: 11, end: 14 });
  });

  it('gives up when the token is gone', () => {
    assert.equal(locateToken('a "y"', '"x"', 2), undefined);
  });
});

describe('shiftOffset', () => {
  it('shifts by edits before the range, ignores edits after it, and loses track of edits inside it', () => {
    assert.equal(shiftOffset(10, 5, { rangeOffset: 0, rangeLength: 2, text: 'abcd' }), 12);
    assert.equal(shiftOffset(10, 5, { rangeOffset: 15, rangeLength: 3, text: '' }), 10);
    assert.equal(shiftOffset(10, 5, { rangeOffset: 12, rangeLength: 1, text: 'z' }), undefined);
  });
});

import assert from 'node:assert/strict';
import { arrayElementLines } from '../../../../src/core/dataset/jsonLocations';
import { toCellText } from '../../../../src/core/dataset/cellText';
import { describeJsonSyntaxError } from '../../../../src/core/dataset/jsonSyntax';
import { createLineCounter, lineAtOffset } from '../../../../src/core/dataset/lineCounter';

describe('createLineCounter', () => {
  it('numbers increasing offsets from 1, counting each newline once', () => {
    const lineAt = createLineCounter(Buffer.from('ab\ncd\r\n\nef'));
    assert.deepEqual([0, 2, 3, 5, 7, 8, 9, 100].map((offset) => lineAt(offset)), [1, 1, 2, 2, 3, 4, 4, 4]);
  });
});

describe('lineAtOffset', () => {
  it('gives the line holding a character offset', () => {
    assert.deepEqual([0, 3, 4, 9].map((offset) => lineAtOffset('abc\ndef\n\nx', offset)), [1, 1, 2, 4]);
  });
});

describe('arrayElementLines', () => {
  it('gives the line where each top-level element starts, ignoring nested ones', () => {
    assert.deepEqual(arrayElementLines('[\n {"a": [1,\n 2]},\n\n {"b": {"c": 1}}, 3,\n "x"\n]'), [2, 5, 5, 6]);
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    assert.deepEqual(arrayElementLines('[{"a": "[,\\"{"}, {"b": "\\\\"},\n{}]'), [1, 1, 2]);
  });

  it('finds no elements in an empty array', () => {
    assert.deepEqual(arrayElementLines(' [ \n ] '), []);
  });
});

describe('describeJsonSyntaxError', () => {
  it('keeps the reason and the position but drops the quoted input', () => {
    const err = new SyntaxError('Unexpected token \'}\', "{"a": tru}" is not valid JSON');
    assert.deepEqual(describeJsonSyntaxError(err), { reason: "Unexpected token '}'", position: undefined });
  });

  it('reads the position from a message that gives one', () => {
    const err = new SyntaxError('Expected \',\' or \'}\' after property value in JSON at position 6 (line 1 column 7)');
    assert.deepEqual(describeJsonSyntaxError(err), { reason: "Expected ',' or '}' after property value", position: 6 });
  });
});

describe('toCellText', () => {
  it('turns every JSON value into text', () => {
    assert.deepEqual(
      [toCellText('a'), toCellText(3.5), toCellText(false), toCellText(null), toCellText(undefined), toCellText({ a: [1] }), toCellText([1, 'x'])],
      ['a', '3.5', 'false', '', '', '{"a":[1]}', '[1,"x"]'],
    );
  });
});

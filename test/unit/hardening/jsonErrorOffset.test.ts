import assert from 'node:assert/strict';
import fc from 'fast-check';
import { arrayElementLines, jsonErrorOffset, MAX_SEARCHED_DEPTH } from '../../../src/core/dataset/jsonLocations';
import { describeJsonSyntaxError } from '../../../src/core/dataset/jsonSyntax';
import { lineAtOffset } from '../../../src/core/dataset/lineCounter';

const JSONISH = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'x', '1', '-', '.', 'e', 'true', 'nul', ' ', '\n', '\u0001', '"a"');

/** Valid JSON (some of it pretty-printed over lines), then broken by inserting and deleting tokens. */
const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), fc.array(fc.tuple(fc.nat(), JSONISH, fc.boolean()), { maxLength: 3 }))
  .map(([value, isPretty, edits]) =>
    edits.reduce((text, [at, token, isInsert]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      return isInsert ? text.slice(0, i) + token + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
    }, JSON.stringify(value, null, isPretty ? 2 : 0)),
  );

describe('the JSON syntax scan behind dataset line numbers', () => {
  it('accepts exactly the texts JSON.parse accepts, and points at the line V8 points at when it says', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        let v8Position: number | undefined | 'valid' = 'valid';
        try {
          JSON.parse(text);
        } catch (err) {
          v8Position = describeJsonSyntaxError(err).position;
        }
        const offset = jsonErrorOffset(text);
        assert.equal(offset === undefined, v8Position === 'valid', `${JSON.stringify(text)}: scan says ${offset}`);
        if (typeof v8Position === 'number' && offset !== undefined) {
          assert.equal(lineAtOffset(text, offset), lineAtOffset(text, v8Position), JSON.stringify(text));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('follows a million levels of nesting without a stack overflow, stopping at the bracket past its depth limit', () => {
    const depth = 1_000_000;
    assert.equal(jsonErrorOffset(`${'['.repeat(depth)}x`), MAX_SEARCHED_DEPTH);
    assert.equal(jsonErrorOffset(`${'['.repeat(MAX_SEARCHED_DEPTH - 1)}x`), MAX_SEARCHED_DEPTH - 1);
    const lines = arrayElementLines(`[\n1,\n${'['.repeat(depth)}${']'.repeat(depth)},\n2]`);
    assert.deepEqual(lines, [2, 3, 4]);
  });
});

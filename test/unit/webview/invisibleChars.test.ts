import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasInvisible, invisibleCharactersOf, markInvisible, splitInvisible } from '../../../src/webview/invisibleChars';

const UNITS = ['a', ' ', 'é', '\n', '\t', '\u202E', '\u202A', '\u2066', '\u2069', '\u200B', '\u200D', '\u200C', '\u00AD', '\uFEFF', '\u0007', '\u{E0041}', '😀', '\uFE0F', 'ש'];

describe('invisible characters (the panel’s markers)', () => {
  it('splits any text into ordinary runs and single invisible characters that join back into it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 30 }), (text) => {
        const pieces = splitInvisible(text);
        assert.equal(pieces.map((p) => ('text' in p ? p.text : String.fromCodePoint(p.codePoint))).join(''), text);
        for (const piece of pieces) {
          assert.equal('text' in piece ? hasInvisible(piece.text) : hasInvisible(String.fromCodePoint(piece.codePoint)), !('text' in piece));
        }
      }),
    );
  });

  it('marks every bidi control of U+202A–U+202E and U+2066–U+2069, and tag characters, but not joiners or emoji selectors', () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c) => String.fromCodePoint(c));
    assert.ok(bidi.every(hasInvisible));
    assert.equal(markInvisible(`a${bidi.join('')}b\u{E0041}`), 'a[U+202A][U+202B][U+202C][U+202D][U+202E][U+2066][U+2067][U+2068][U+2069]b[U+E0041]');
    assert.equal(hasInvisible('👨‍👩‍👧 ❤️ می‌خواهم\tx\ny'), false);
    assert.deepEqual(invisibleCharactersOf('\u202Ex\u202Ey\u0007'), ['U+202E RIGHT-TO-LEFT OVERRIDE', 'U+0007 CONTROL CHARACTER']);
  });
});

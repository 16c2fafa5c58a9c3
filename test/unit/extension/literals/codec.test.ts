import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeLiteral, encodeLiteral } from '../../../../src/extension/literals/codec';
import { scanLiterals } from '../../../../src/extension/literals/scanLiterals';
import type { LiteralSyntax } from '../../../../src/extension/literals/types';
import { goLiteralValues, pythonLiteralValues, typescriptLiteralValue } from './parsers';

const TRICKY = ['\\', '"', "'", '`', '$', '${', '{', '}', '{{', '\n', '\r', '\t', '\0', '\x7f', '\u2028', 'é', '😀', '\ufeff', ' ', 'a', 'Z', '#', '"""', "'''", '\\n'];
const trickyString = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 24 });
const SAMPLES = 150;

/** Scans an encoded token back with the extension's own scanner: exactly one literal spanning it. */
function decodeOwn(syntax: LiteralSyntax, token: string): string {
  const literals = scanLiterals(syntax.language, token).filter((l) => l.start === 0 && l.end === token.length);
  assert.equal(literals.length, 1, `scanner did not read ${JSON.stringify(token)} as one literal`);
  return decodeLiteral(token, literals[0]!).value;
}

function syntax(language: LiteralSyntax['language'], quote: string, prefix = ''): LiteralSyntax {
  return { language, prefix, quote };
}

describe('literal encoding', () => {
  for (const quote of ["'", '"', '`']) {
    it(`writes JS ${quote}-literals that TypeScript parses back to the same value`, () => {
      fc.assert(
        fc.property(trickyString, (value) => {
          const token = encodeLiteral(syntax('js', quote), value);
          assert.equal(typescriptLiteralValue(token), value);
          assert.equal(decodeOwn(syntax('js', quote), token), value);
        }),
        { numRuns: SAMPLES },
      );
    });
  }

  it('keeps the original substitutions of a template literal and escapes any other ${', () => {
    const token = encodeLiteral(syntax('js', '`'), 'Hi ${name}, cost: ${5} `${name}`', ['${name}']);
    assert.equal(token, '`Hi ${name}, cost: \\${5} \\`${name}\\``');
    assert.equal(typescriptLiteralValue(token), 'Hi ${name}, cost: ${5} `${name}`');
  });

  const PYTHON_SYNTAXES = ['', 'r', 'u', 'b', 'rb', 'f', 'rf', 'F', 'Rb'].flatMap((prefix) =>
    ["'", '"', "'''", '"""'].map((quote) => syntax('python', quote, prefix)),
  );

  it('writes Python literals of every prefix and quote that CPython reads back to the same value', () => {
    const cases = fc.sample(fc.tuple(fc.constantFrom(...PYTHON_SYNTAXES), trickyString), { numRuns: SAMPLES * 4, seed: 7 });
    const tokens = cases.map(([s, value]) => encodeLiteral(s, value, []));
    const results = pythonLiteralValues(tokens);
    cases.forEach(([s, value], i) => {
      assert.deepEqual(results[i], { value }, `${JSON.stringify(s)} ${JSON.stringify(value)} -> ${tokens[i]}`);
      assert.equal(decodeOwn(s, tokens[i]!), value);
    });
  });

  it('keeps f-string fields and doubles every other brace', () => {
    const token = encodeLiteral(syntax('python', '"', 'f'), 'Use {name} not {x} or {{}}', ['{name}']);
    assert.equal(token, 'f"Use {name} not {{x}} or {{{{}}}}"');
    assert.deepEqual(pythonLiteralValues([token]), [{ value: 'Use {name} not {x} or {{}}' }]);
  });

  it('drops the r prefix when a raw string cannot hold the value', () => {
    assert.equal(encodeLiteral(syntax('python', '"', 'r'), 'a\\d+'), 'r"a\\d+"');
    assert.equal(encodeLiteral(syntax('python', '"', 'r'), 'say "x"'), '"say \\"x\\""');
    assert.equal(encodeLiteral(syntax('python', "'''", 'r'), 'ends with \\'), "'''ends with \\\\'''");
  });

  for (const quote of ['"', '`']) {
    it(`writes Go ${quote}-strings that Go reads back to the same value, raw ones turning interpreted when they must`, () => {
      const values = fc.sample(trickyString, { numRuns: SAMPLES * 2, seed: quote === '`' ? 11 : 13 });
      const tokens = values.map((value) => encodeLiteral(syntax('go', quote), value));
      const results = goLiteralValues(tokens);
      values.forEach((value, i) => {
        const token = tokens[i] as string;
        assert.equal(token.startsWith('`'), quote === '`' && !/[`\r\0\uFEFF]/.test(value), token);
        assert.deepEqual(results[i], { value }, `${JSON.stringify(value)} -> ${token}`);
        assert.equal(decodeOwn(syntax('go', token.charAt(0)), token), value);
      });
    });
  }

  it('reads Go escapes (\\x bytes, octal, \\u, \\U) as Go does', () => {
    const tokens = ['"caf\\xc3\\xa9 \\303\\251 \\u00e9 \\U0001F600 \\a\\v"', '`raw \\n\r\nline`'];
    const results = goLiteralValues(tokens);
    tokens.forEach((token, i) => assert.deepEqual({ value: decodeOwn(syntax('go', token.charAt(0)), token) }, results[i], token));
  });

  it('writes JSON strings that JSON.parse reads back', () => {
    fc.assert(
      fc.property(trickyString, (value) => {
        const token = encodeLiteral(syntax('json', '"'), value);
        assert.equal(JSON.parse(token), value);
        assert.equal(decodeOwn(syntax('json', '"'), token), value);
      }),
      { numRuns: SAMPLES },
    );
  });
});

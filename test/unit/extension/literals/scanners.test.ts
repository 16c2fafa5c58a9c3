import assert from 'node:assert/strict';
import { decodeLiteral } from '../../../../src/extension/literals/codec';
import { scanLiterals } from '../../../../src/extension/literals/scanLiterals';
import type { LiteralLanguage } from '../../../../src/extension/literals/types';

/** Each literal as [source token, decoded value]. */
function literalsOf(language: LiteralLanguage, text: string): [string, string][] {
  return scanLiterals(language, text).map((l) => [text.slice(l.start, l.end), decodeLiteral(text, l).value]);
}

describe('string literal scanners', () => {
  describe('JavaScript / TypeScript', () => {
    it('finds single, double and template literals with their decoded values', () => {
      const text = `const a = 'it\\'s'; const b = "say \\"hi\\"\\n"; const c = \`two\nlines\`;`;
      assert.deepEqual(literalsOf('js', text), [
        [`'it\\'s'`, "it's"],
        [`"say \\"hi\\"\\n"`, 'say "hi"\n'],
        ['`two\nlines`', 'two\nlines'],
      ]);
    });

    it('skips comments and regular expressions that contain quotes', () => {
      const text = `// don't\n/* "no" */ const r = /"[']/g; x = a / b / 'yes';`;
      assert.deepEqual(literalsOf('js', text), [[`'yes'`, 'yes']]);
    });

    it('keeps template substitutions verbatim and finds literals nested in them', () => {
      const text = 'const t = `Hi ${user.name ?? "anon"}, ${`inner`}!`;';
      assert.deepEqual(literalsOf('js', text), [
        ['`Hi ${user.name ?? "anon"}, ${`inner`}!`', 'Hi ${user.name ?? "anon"}, ${`inner`}!'],
        ['"anon"', 'anon'],
        ['`inner`', 'inner'],
      ]);
    });

    it('drops a quoted string left open at the end of its line', () => {
      assert.deepEqual(literalsOf('js', `<p>Don't</p>\nconst s = "ok";`), [['"ok"', 'ok']]);
    });

    it('decodes hex, unicode, octal escapes and line continuations', () => {
      assert.deepEqual(literalsOf('js', `"\\x41\\u0042\\u{1F600}\\101 a\\\nb"`), [[`"\\x41\\u0042\\u{1F600}\\101 a\\\nb"`, 'AB😀A ab']]);
    });
  });

  describe('Python', () => {
    it('finds prefixed, triple-quoted and f-string literals', () => {
      const text = `a = r'\\d+'\nb = """one\n"two"\n"""\nc = f"{name!r:>{width}} {{x}}"\nd = Rb'\\x41'  # 'comment'`;
      assert.deepEqual(literalsOf('python', text), [
        [`r'\\d+'`, '\\d+'],
        ['"""one\n"two"\n"""', 'one\n"two"\n'],
        ['f"{name!r:>{width}} {{x}}"', '{name!r:>{width}} {x}'],
        [`Rb'\\x41'`, '\\x41'],
      ]);
    });

    it('finds strings nested in f-string fields, with the same quotes as Python 3.12 allows', () => {
      const text = `s = f"{d["key"]} and {'x'}"`;
      assert.deepEqual(literalsOf('python', text), [
        ['f"{d["key"]} and {\'x\'}"', '{d["key"]} and {\'x\'}'],
        ['"key"', 'key'],
        [`'x'`, 'x'],
      ]);
    });

    it('does not take identifiers ending in a prefix letter for prefixes', () => {
      assert.deepEqual(literalsOf('python', `print(bar"x")`).map(([t]) => t), ['"x"']);
    });

    it('decodes Python escapes and keeps unknown ones', () => {
      assert.deepEqual(literalsOf('python', `'\\t\\a\\101\\x42\\u00e9\\N{DASH}\\d'`)[0]?.[1], '\t\x07AB\u00e9\\N{DASH}\\d');
    });
  });

  describe('Go', () => {
    it('finds interpreted and raw strings and skips runes and comments', () => {
      const text = "r := '\"' // \"no\"\ns := \"a\\tb\\u00e9\\xc3\\xa9\"\nt := `raw\\n\nline`";
      assert.deepEqual(literalsOf('go', text), [
        ['"a\\tb\\u00e9\\xc3\\xa9"', 'a\tbéé'],
        ['`raw\\n\nline`', 'raw\\n\nline'],
      ]);
    });
  });

  describe('JSON', () => {
    it('finds keys and values, skipping JSONC comments', () => {
      const text = '{\n  // "note"\n  "prompt": "Say \\"hi\\"\\n"\n}';
      assert.deepEqual(literalsOf('json', text), [
        ['"prompt"', 'prompt'],
        ['"Say \\"hi\\"\\n"', 'Say "hi"\n'],
      ]);
    });

    it('skips block comments and a string that a line break leaves open', () => {
      const text = '{"a": "ok", /* "no" */ "b": "open\n}';
      assert.deepEqual(literalsOf('json', text), [
        ['"a"', 'a'],
        ['"ok"', 'ok'],
        ['"b"', 'b'],
      ]);
    });
  });
});

// The ES module entry: the package's UMD `main` hides its internal requires from esbuild.
import { createScanner, type ScanError, type SyntaxKind } from 'jsonc-parser/lib/esm/main.js';
import type { StringLiteral } from './types';

// jsonc-parser's `const enum` values, which isolated modules cannot read.
const STRING: SyntaxKind = 10;
const END: SyntaxKind = 17;
const UNTERMINATED: ScanError = 2;

/** Every string (keys and values) of JSON or JSON with comments, in source order; jsonc-parser's scanner skips the comments. */
export function scanJsonLiterals(text: string): StringLiteral[] {
  const scanner = createScanner(text, true);
  const found: StringLiteral[] = [];
  for (let token = scanner.scan(); token !== END; token = scanner.scan()) {
    if (token === STRING && scanner.getTokenError() !== UNTERMINATED) {
      const start = scanner.getTokenOffset();
      const end = start + scanner.getTokenLength();
      found.push({ start, end, syntax: { language: 'json', prefix: '', quote: '"' }, content: { start: start + 1, end: end - 1 }, fields: [] });
    }
  }
  return found;
}

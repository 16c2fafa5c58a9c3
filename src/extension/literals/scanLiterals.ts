import { scanGoLiterals } from './goScanner';
import { scanJsLiterals } from './jsScanner';
import { scanJsonLiterals } from './jsonScanner';
import { scanPythonLiterals } from './pythonScanner';
import type { LiteralLanguage, StringLiteral } from './types';

const LANGUAGES: Record<string, LiteralLanguage> = {
  javascript: 'js',
  javascriptreact: 'js',
  typescript: 'js',
  typescriptreact: 'js',
  vue: 'js',
  svelte: 'js',
  python: 'python',
  go: 'go',
  json: 'json',
  jsonc: 'json',
  jsonl: 'json',
};

/** The literal syntax of a VS Code language id, or undefined when the extension cannot read its strings. */
export function literalLanguageOf(languageId: string): LiteralLanguage | undefined {
  return LANGUAGES[languageId];
}

export function scanLiterals(language: LiteralLanguage, text: string): StringLiteral[] {
  switch (language) {
    case 'js':
      return scanJsLiterals(text);
    case 'python':
      return scanPythonLiterals(text);
    case 'go':
      return scanGoLiterals(text);
    case 'json':
      return scanJsonLiterals(text);
  }
}

/** The innermost literal whose token contains `start..end` (a cursor may sit on a delimiter). */
export function literalAround(literals: readonly StringLiteral[], start: number, end = start): StringLiteral | undefined {
  let best: StringLiteral | undefined;
  for (const literal of literals) {
    if (literal.start <= start && end <= literal.end && (best === undefined || literal.end - literal.start < best.end - best.start)) {
      best = literal;
    }
  }
  return best;
}

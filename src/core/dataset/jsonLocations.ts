// The ES module entry: the package's UMD `main` hides its internal requires from esbuild, so a bundle of it fails at run time.
import { createScanner, visit, type SyntaxKind } from 'jsonc-parser/lib/esm/main.js';

// jsonc-parser's token kinds are a `const enum`, which isolated modules cannot read; these are its values.
const OPEN_BRACE: SyntaxKind = 1;
const CLOSE_BRACE: SyntaxKind = 2;
const OPEN_BRACKET: SyntaxKind = 3;
const CLOSE_BRACKET: SyntaxKind = 4;
const COMMA: SyntaxKind = 5;
const END: SyntaxKind = 17;

/**
 * How deep the syntax-error search follows nesting. jsonc-parser's parser recurses once per level, so
 * a hostile file (a million `[`) would overflow the stack; a dataset row may nest 100 levels at most
 * anyway, so the search stops at the bracket that goes past this depth and points there.
 */
export const MAX_SEARCHED_DEPTH = 1000;

/** Thrown inside the visitor to stop at the first error: a 5 MB file need not be walked to its end. */
const STOP = Symbol('stop');

/**
 * The character offset where `text` stops being JSON (`text.length` when it ends too early), for the
 * errors `JSON.parse` reports without a position (V8's "Unexpected token"), so the message can still
 * name the right line and column. `undefined` when jsonc-parser, in strict JSON mode, finds no error.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let found: number | undefined;
  let depth = 0;
  const deeper = (offset: number): void => {
    depth += 1;
    if (depth > MAX_SEARCHED_DEPTH) {
      found = offset;
      throw STOP;
    }
  };
  const shallower = (): void => {
    depth -= 1;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: deeper,
        onArrayBegin: deeper,
        onObjectEnd: shallower,
        onArrayEnd: shallower,
        onError: (_code, offset) => {
          found = offset;
          throw STOP;
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (err) {
    if (err !== STOP) {
      throw err;
    }
  }
  return found;
}

/**
 * The 1-based line where each element of a top-level JSON array starts. `text` must already be known
 * to be valid JSON (it was parsed first). One pass of jsonc-parser's scanner, which keeps no stack, so
 * any nesting depth is fine.
 */
export function arrayElementLines(text: string): number[] {
  const scanner = createScanner(text, true);
  const lines: number[] = [];
  let depth = 0;
  let isAwaitingElement = false;
  for (let token = scanner.scan(); token !== END; token = scanner.scan()) {
    if (isAwaitingElement && depth === 1 && token !== CLOSE_BRACKET) {
      lines.push(scanner.getTokenStartLine() + 1);
    }
    isAwaitingElement = false;
    if (token === OPEN_BRACKET || token === OPEN_BRACE) {
      depth += 1;
      isAwaitingElement = depth === 1 && token === OPEN_BRACKET;
    } else if (token === CLOSE_BRACKET || token === CLOSE_BRACE) {
      depth -= 1;
    } else if (token === COMMA) {
      isAwaitingElement = depth === 1;
    }
  }
  return lines;
}

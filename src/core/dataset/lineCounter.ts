const NEWLINE = 0x0a;

/**
 * Maps byte offsets to 1-based line numbers. Offsets must be asked in
 * non-decreasing order: each call only scans the bytes since the previous one,
 * so numbering every row of a file costs one pass over it.
 */
export type LineCounter = (offset: number) => number;

/** Creates a {@link LineCounter} over `bytes`; a line ends at each `\n`. */
export function createLineCounter(bytes: Uint8Array): LineCounter {
  let scanned = 0;
  let line = 1;
  return (offset) => {
    const end = Math.min(offset, bytes.length);
    let next = bytes.indexOf(NEWLINE, scanned);
    while (next !== -1 && next < end) {
      line++;
      next = bytes.indexOf(NEWLINE, next + 1);
    }
    scanned = Math.max(scanned, end);
    return line;
  };
}

/** The 1-based line holding character `offset` of `text` (one-off, linear in `offset`). */
export function lineAtOffset(text: string, offset: number): number {
  return positionAtOffset(text, offset).line;
}

/** The 1-based line and column (UTF-16 units) of character `offset` of `text` (one-off, linear in `offset`). */
export function positionAtOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let next = text.indexOf('\n');
  while (next !== -1 && next < offset) {
    line++;
    lineStart = next + 1;
    next = text.indexOf('\n', lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

import { DatasetError } from '../errors';
import { arrayElementLines, jsonErrorOffset } from './jsonLocations';
import { tryParseJson } from './jsonSyntax';
import { positionAtOffset } from './lineCounter';
import {
  collectColumns,
  describeJsonKind,
  isJsonObject,
  rejectRow,
  type ParseContext,
  type ParsedTable,
  type RawRow,
} from './parsedRows';

const ARRAY_SHAPE = 'Make the file one array of objects, e.g. [{"question": "…", "answer": "…"}], or use JSON Lines (.jsonl)';

/**
 * Parses a JSON document holding an array of objects. Invalid JSON is a
 * file-level error at the line the parser pointed to; an element that is not an
 * object is a row problem at the line where that element starts.
 */
export function parseJsonArray(text: string, context: ParseContext): ParsedTable {
  const parsed = tryParseJson(text);
  if ('error' in parsed) {
    const { reason, position } = parsed.error;
    const at = positionAtOffset(text, errorOffset(text, position));
    throw new DatasetError(
      context.file,
      at,
      `invalid JSON (${reason}) at column ${at.column}`,
      'Fix the syntax near this line (often a missing or trailing comma, or an unclosed quote or bracket)',
    );
  }
  if (!Array.isArray(parsed.value)) {
    throw new DatasetError(
      context.file,
      undefined,
      `expected a JSON array of objects, found ${describeJsonKind(parsed.value)}`,
      ARRAY_SHAPE,
    );
  }
  return collectRows(parsed.value, arrayElementLines(text), context);
}

/**
 * Where the syntax error is: V8's position when it gave one, else our own scan. An error at the
 * very end (a truncated file) is shown on the last line that has text, not the empty one after it.
 */
function errorOffset(text: string, position: number | undefined): number {
  const offset = position ?? jsonErrorOffset(text) ?? text.length;
  return offset < text.length ? offset : Math.max(0, text.trimEnd().length - 1);
}

function collectRows(elements: unknown[], lines: number[], context: ParseContext): ParsedTable {
  const rows: RawRow[] = [];
  const columns: string[] = [];
  const seen = new Set<string>();
  elements.forEach((element, position) => {
    const line = lines[position] ?? 1;
    if (!isJsonObject(element)) {
      rejectRow(context, {
        line,
        problem: `array element ${position + 1} is ${describeJsonKind(element)}, not an object`,
        fix: ARRAY_SHAPE,
      });
      return;
    }
    collectColumns(element, seen, columns);
    rows.push({ line, values: element });
  });
  return { columns, rows };
}

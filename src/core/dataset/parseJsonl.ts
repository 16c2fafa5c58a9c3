import { jsonErrorOffset } from './jsonLocations';
import { tryParseJson } from './jsonSyntax';
import {
  collectColumns,
  describeJsonKind,
  isJsonObject,
  rejectRow,
  type ParseContext,
  type ParsedTable,
  type RawRow,
} from './parsedRows';

const ONE_OBJECT_PER_LINE = 'Write one complete JSON object per line, e.g. {"question": "…", "answer": "…"}';
const LOOKS_LIKE_DOCUMENT =
  'The file looks like one multi-line JSON document: save it with a .json extension, or put each object on a single line';

/**
 * Parses JSON Lines: one object per line. Blank lines are ignored; a line that
 * is not valid JSON, or not an object, is a row problem reported at that line.
 */
export function parseJsonl(text: string, context: ParseContext): ParsedTable {
  const rows: RawRow[] = [];
  const columns: string[] = [];
  const seen = new Set<string>();
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    line++;
    const values = parseLine(text.slice(start, end), line, context);
    if (values !== undefined) {
      collectColumns(values, seen, columns);
      rows.push({ line, values });
    }
    start = end + 1;
  }
  return { columns, rows };
}

function parseLine(raw: string, line: number, context: ParseContext): Record<string, unknown> | undefined {
  const source = raw.trim();
  if (source === '') {
    return undefined;
  }
  const parsed = tryParseJson(source);
  if ('error' in parsed) {
    const isDocumentStart = source === '[' || source === '{' || (line === 1 && source.startsWith('['));
    const offset = parsed.error.position ?? jsonErrorOffset(source) ?? source.length;
    const column = raw.length - raw.trimStart().length + Math.min(offset, Math.max(0, source.length - 1)) + 1;
    rejectRow(context, {
      line,
      column,
      problem: `invalid JSON (${parsed.error.reason}) at column ${column}`,
      fix: isDocumentStart ? LOOKS_LIKE_DOCUMENT : ONE_OBJECT_PER_LINE,
    });
    return undefined;
  }
  if (!isJsonObject(parsed.value)) {
    rejectRow(context, {
      line,
      problem: `expected a JSON object, found ${describeJsonKind(parsed.value)}`,
      fix: ONE_OBJECT_PER_LINE,
    });
    return undefined;
  }
  return parsed.value;
}

import { parse, type InfoRecord } from 'csv-parse/sync';
import { DatasetError } from '../errors';
import { shownName } from './columns';
import { createLineCounter, type LineCounter } from './lineCounter';
import { rejectRow, type ParseContext, type ParsedTable, type RawRow } from './parsedRows';

/** The separators this loader reads: `,` for CSV, a tab for TSV. */
export type Delimiter = ',' | '\t';

interface CsvRecord {
  line: number;
  fields: string[];
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Parses CSV or TSV (with `csv-parse`): the first row is the header. Handles quoted
 * fields holding delimiters, doubled quotes and line breaks, a UTF-8 BOM and CRLF.
 * Rows are numbered by the line they start on; wholly blank rows are ignored. A
 * stray quote is an error in CSV but kept as text in TSV.
 */
export function parseDelimited(bytes: Uint8Array, delimiter: Delimiter, context: ParseContext): ParsedTable {
  const records = readRecords(bytes, delimiter, context.file);
  const header = records[0];
  if (header === undefined) {
    return { columns: [], rows: [] };
  }
  const columns = checkHeader(header, context.file);
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const row = toRow(records[i] as CsvRecord, columns, { context, delimiter });
    if (row !== undefined) {
      rows.push(row);
    }
  }
  return { columns, rows };
}

function readRecords(bytes: Uint8Array, delimiter: Delimiter, file: string): CsvRecord[] {
  const lineAt = createLineCounter(bytes);
  const records: CsvRecord[] = [];
  // csv-parse reports where each record ends; the next one starts after any blank lines.
  let recordEnd = 0;
  const onRecord = (fields: string[], info: InfoRecord): null => {
    records.push({ line: startLine(bytes, recordEnd, lineAt), fields });
    recordEnd = info.bytes;
    return null;
  };
  try {
    parse(bytes, {
      bom: true,
      delimiter,
      relax_column_count: true,
      // TSV files often hold bare quotes in unquoted text; in CSV a stray quote is more likely a quoting mistake.
      relax_quotes: delimiter === '\t',
      skip_empty_lines: true,
      on_record: onRecord,
    });
  } catch (err) {
    throw describeCsvError(err, file, startLine(bytes, recordEnd, lineAt));
  }
  return records;
}

function startLine(bytes: Uint8Array, from: number, lineAt: LineCounter): number {
  let start = from;
  while (bytes[start] === CR || bytes[start] === LF) {
    start++;
  }
  return lineAt(start);
}

function checkHeader(header: CsvRecord, file: string): string[] {
  const columns = header.fields.map((name) => name.trim());
  const firstSeen = new Map<string, number>();
  columns.forEach((name, position) => {
    if (name === '') {
      throw new DatasetError(
        file,
        header.line,
        `column ${position + 1} of the header has no name`,
        'Give every column a name in the first row (a trailing delimiter adds an unnamed column)',
      );
    }
    const first = firstSeen.get(name);
    if (first !== undefined) {
      throw new DatasetError(
        file,
        header.line,
        `column \`${shownName(name)}\` appears twice in the header (columns ${first + 1} and ${position + 1})`,
        'Rename one of them so every column name is unique',
      );
    }
    firstSeen.set(name, position);
  });
  return columns;
}

function toRow(
  record: CsvRecord,
  columns: string[],
  options: { context: ParseContext; delimiter: Delimiter },
): RawRow | undefined {
  const { fields, line } = record;
  if (fields.every((field) => field.trim() === '')) {
    return undefined;
  }
  if (fields.length !== columns.length) {
    const separator = options.delimiter === ',' ? 'a comma' : 'a tab';
    rejectRow(options.context, {
      line,
      problem: `row has ${fields.length} fields but the header has ${columns.length} columns`,
      fix: `Give every row ${columns.length} fields, and put double quotes around any field that contains ${separator} or a line break`,
    });
    return undefined;
  }
  // fromEntries, so a column named `__proto__` is data, not the prototype.
  const values: Record<string, unknown> = Object.fromEntries(columns.map((column, position) => [column, fields[position]]));
  return { line, values };
}

function describeCsvError(err: unknown, file: string, line: number): DatasetError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new DatasetError(
      file,
      line,
      'a quoted field that starts in this row is never closed',
      'Add the closing double quote, and write each quote inside a quoted field as two ("")',
    );
  }
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    return new DatasetError(
      file,
      line,
      'a quoted field in this row has text after its closing quote',
      'Write each quote inside a quoted field as two, e.g. "He said ""hi"""',
    );
  }
  if (code === 'INVALID_OPENING_QUOTE') {
    return new DatasetError(
      file,
      line,
      'a field in this row holds a double quote but is not wrapped in quotes',
      'Wrap the field in double quotes and write each quote inside it as two, e.g. "5 ""units"""',
    );
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new DatasetError(file, line, `this row could not be read (${reason})`, 'Check the quoting and delimiters in this row');
}

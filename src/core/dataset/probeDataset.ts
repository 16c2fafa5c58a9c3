import { open, stat } from 'node:fs/promises';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { DatasetError } from '../errors';
import { detectColumns, listColumns, type ColumnOptions, type DetectedColumns } from './columns';
import { chooseFormat, looksLikeJsonLines } from './datasetFormat';
import { parseDelimited } from './parseDelimited';
import { parseJsonl } from './parseJsonl';
import { collectColumns, describeJsonKind, isJsonObject, type ParseContext, type ParsedTable } from './parsedRows';
import { toUtf8 } from './textEncoding';
import { DEFAULT_MAX_DATASET_BYTES, type DatasetFormat } from './types';

/** Bytes a probe reads from the start of a file: enough for the header and the first rows. */
export const PROBE_BYTES = 64 * 1024;
/** Files probed at once by {@link probeDatasets}. */
export const PROBE_CONCURRENCY = 8;

/** What the first bytes of a file say about it as a dataset. */
export interface DatasetProbe {
  /** Column names of the rows read (empty when the file holds no rows). */
  columns: string[];
  /** The input and target columns core would choose, when it can tell and the file has rows. */
  detected?: DetectedColumns;
  /** Why the file does not load as a dataset as it is, in a few words (no period). */
  problem?: string;
  format?: DatasetFormat;
}

export interface ProbeOptions extends ColumnOptions {
  /** Bytes read from the start of the file. @default PROBE_BYTES */
  maxBytes?: number;
}

/**
 * Tells, from at most `maxBytes` at the start of a file, whether it loads as a dataset with these
 * column choices: rows of a known format whose input and target columns core can tell. Never throws
 * for the file's content, and never reads more than `maxBytes`, so listing many files stays cheap.
 */
export async function probeDataset(path: string, options: ProbeOptions = {}): Promise<DatasetProbe> {
  return probeWith(path, options, (judge) => Promise.resolve(judge()));
}

/**
 * {@link probeDataset} for many files, results in the order given. {@link PROBE_CONCURRENCY} files are
 * read at once, but parsed one at a time, each in a turn of the event loop of its own, so parses that
 * finish reading together never run back to back (timers and input get their turn in between).
 */
export async function probeDatasets(paths: readonly string[], options: ProbeOptions = {}): Promise<DatasetProbe[]> {
  const results: DatasetProbe[] = new Array<DatasetProbe>(paths.length);
  const turn = serialTurns();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < paths.length; i = next++) {
      results[i] = await probeWith(paths[i] as string, options, turn);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, paths.length) }, worker));
  return results;
}

/** Runs synchronous work when its turn comes. */
type Turn = <T>(work: () => T) => Promise<T>;

/** Turns one after another, each after a `setImmediate`, i.e. in the next pass of the event loop. */
function serialTurns(): Turn {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => T): Promise<T> => {
    const run = last.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
    last = run.catch(() => undefined);
    return run;
  };
}

async function probeWith(path: string, options: ProbeOptions, turn: Turn): Promise<DatasetProbe> {
  try {
    const format = chooseFormat(path, undefined);
    const head = await readHead(path, options.maxBytes ?? PROBE_BYTES);
    return 'problem' in head ? { columns: [], problem: head.problem, format } : await turn(() => judgeHead(path, { ...head, format }, options));
  } catch (err) {
    if (err instanceof DatasetError) {
      return { columns: [], problem: err.problem };
    }
    throw err;
  }
}

function judgeHead(path: string, head: { bytes: Buffer; isWhole: boolean; format: DatasetFormat }, options: ProbeOptions): DatasetProbe {
  try {
    const bytes = toUtf8(path, head.bytes);
    const text = new TextDecoder().decode(bytes);
    const format = head.format === 'json' && looksLikeJsonLines(text) ? 'jsonl' : head.format;
    const table = readTable({ bytes, text, format, isWhole: head.isWhole }, path);
    return { ...judgeTable(path, table, options), format };
  } catch (err) {
    if (err instanceof DatasetError) {
      return { columns: [], problem: err.problem, format: head.format };
    }
    throw err;
  }
}

function judgeTable(path: string, table: ParsedTable | { problem: string }, options: ColumnOptions): DatasetProbe {
  if ('problem' in table) {
    return { columns: [], problem: table.problem };
  }
  if (table.rows.length === 0) {
    return { columns: table.columns, problem: table.columns.length > 0 ? 'a header but no rows' : 'no rows' };
  }
  try {
    return { columns: table.columns, detected: detectColumns(path, table.columns, options) };
  } catch (err) {
    if (err instanceof DatasetError) {
      return { columns: table.columns, problem: err.problem };
    }
    throw err;
  }
}

async function readHead(path: string, maxBytes: number): Promise<{ bytes: Buffer; isWhole: boolean } | { problem: string }> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    return { problem: 'not a readable file' };
  }
  if (info.size === 0) {
    return { problem: 'the file is empty' };
  }
  if (info.size > DEFAULT_MAX_DATASET_BYTES) {
    return { problem: `larger than the ${DEFAULT_MAX_DATASET_BYTES / (1024 * 1024)} MB a dataset may have` };
  }
  const handle = await open(path, 'r').catch(() => undefined);
  if (handle === undefined) {
    return { problem: 'not a readable file' };
  }
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const isWhole = bytesRead >= info.size;
    return { bytes: isWhole ? buffer.subarray(0, bytesRead) : wholeLines(buffer.subarray(0, bytesRead)), isWhole };
  } finally {
    await handle.close();
  }
}

/** A cut-off read without its last, partial line (a partial UTF-8 character included). */
function wholeLines(bytes: Buffer): Buffer {
  const newline = bytes.lastIndexOf(0x0a);
  return newline === -1 ? bytes : bytes.subarray(0, newline + 1);
}

interface Head {
  bytes: Buffer;
  text: string;
  format: DatasetFormat;
  isWhole: boolean;
}

function readTable(head: Head, file: string): ParsedTable | { problem: string } {
  const context: ParseContext = { file, shouldSkipBadRows: true, skipped: [] };
  switch (head.format) {
    case 'jsonl':
      return firstRowsOrProblem(parseJsonl(head.text, context), context);
    case 'json':
      return readJsonHead(head.text, head.isWhole);
    case 'csv':
    case 'tsv':
      return readDelimitedHead(head, context);
  }
}

function firstRowsOrProblem(table: ParsedTable, context: ParseContext): ParsedTable | { problem: string } {
  const first = context.skipped[0];
  return table.rows.length === 0 && first !== undefined ? { problem: `line ${first.line}: ${first.reason}` } : table;
}

/** A JSON array's first elements, from a head that may stop mid-array (jsonc-parser keeps what it read). */
function readJsonHead(text: string, isWhole: boolean): ParsedTable | { problem: string } {
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: true });
  } catch {
    return { problem: 'nested too deeply to read' }; // jsonc-parser recurses once per level
  }
  if (value === undefined || (isWhole && errors.length > 0 && !Array.isArray(value))) {
    return { problem: 'not valid JSON' };
  }
  if (!Array.isArray(value)) {
    const keys = isJsonObject(value) ? Object.keys(value) : [];
    const shown = keys.length > 0 ? ` with keys ${listColumns(keys)}` : '';
    return { problem: `${describeJsonKind(value)}${shown}, not an array of examples` };
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = value.filter(isJsonObject).map((values, index) => {
    collectColumns(values, seen, columns);
    return { line: index + 1, values };
  });
  return rows.length === 0 && value.length > 0 ? { problem: 'an array of values, not of objects' } : { columns, rows };
}

/** CSV/TSV: the rows of a head; when a quoted field runs past its end, the header alone. */
function readDelimitedHead(head: Head, context: ParseContext): ParsedTable {
  const delimiter = head.format === 'tsv' ? '\t' : ',';
  try {
    return parseDelimited(head.bytes, delimiter, context);
  } catch (err) {
    const firstLine = head.bytes.subarray(0, head.bytes.indexOf(0x0a) + 1);
    if (head.isWhole || firstLine.length === 0) {
      throw err;
    }
    const { columns } = parseDelimited(firstLine, delimiter, context);
    return { columns, rows: [{ line: 2, values: {} }] };
  }
}

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { DatasetError } from '../errors';
import { buildExamples } from './buildExamples';
import { checkColumnSpread } from './columnSpread';
import { detectColumns } from './columns';
import { chooseFormat, looksLikeJsonLines } from './datasetFormat';
import { parseDelimited } from './parseDelimited';
import { parseJsonArray } from './parseJsonArray';
import { parseJsonl } from './parseJsonl';
import { toUtf8 } from './textEncoding';
import type { ParseContext, ParsedTable } from './parsedRows';
import { DEFAULT_MAX_DATASET_BYTES, type Dataset, type DatasetFormat, type LoadDatasetOptions } from './types';

const HOW_TO_FILL: Readonly<Record<DatasetFormat, string>> = {
  jsonl: 'Add one JSON object per line, e.g. {"question": "…", "answer": "…"}',
  json: 'Add an array of objects, e.g. [{"question": "…", "answer": "…"}]',
  csv: 'Add a header row (e.g. question,answer) and one row per example',
  tsv: 'Add a header row (e.g. question<TAB>answer) and one row per example',
};

/**
 * Reads a dataset file (JSON Lines, JSON array, CSV or TSV) into examples.
 *
 * The format comes from `options.format`, else from the extension; a `.json` file
 * whose first line is a complete object is read as JSON Lines. Columns are detected
 * (see {@link detectColumns}) and every row becomes an {@link Example} numbered by the
 * line it starts on. The fingerprint is the sha256 (hex) of the file's bytes. UTF-16 files (with or
 * without a byte-order mark) are decoded as such; anything else must be UTF-8.
 *
 * The file is read whole, so one larger than `maxBytes` (100 MB by default) is refused
 * before reading, as is anything that is not a regular file (a device or pipe may never end).
 *
 * @throws {DatasetError} naming the file, the line when one row is at fault, and the fix:
 * unreadable, too large or unknown-format file, not UTF-8 or UTF-16, empty file, invalid syntax, bad header, no
 * input or target column, too many columns, or (unless `skipBadRows`) a malformed row.
 */
export async function loadDataset(path: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const fileBytes = await readBytes(path, options.maxBytes ?? DEFAULT_MAX_DATASET_BYTES);
  const bytes = toUtf8(path, fileBytes);
  const requested = chooseFormat(path, options.format);
  const context: ParseContext = { file: path, shouldSkipBadRows: options.skipBadRows === true, skipped: [] };
  const text = requested === 'csv' || requested === 'tsv' ? '' : new TextDecoder().decode(bytes);
  if (isBlank(bytes)) {
    throw new DatasetError(path, undefined, 'the file is empty', HOW_TO_FILL[requested]);
  }
  const format = requested === 'json' && looksLikeJsonLines(text) ? 'jsonl' : requested;
  const table = parseTable({ bytes, text, format }, context);
  checkHasRows(table, format, context);
  checkColumnSpread(table, path);
  const isTemplateMode = options.templateColumns !== undefined;
  const { inputColumn, targetColumn } = detectColumns(path, table.columns, options);
  const examples = buildExamples(table.rows, { columns: table.columns, inputColumn, targetColumn, isTemplateMode }, context);
  if (examples.length === 0) {
    throw allSkipped(context);
  }
  return {
    file: path,
    format,
    columns: table.columns,
    inputColumn,
    targetColumn,
    examples,
    skipped: context.skipped,
    fingerprint: createHash('sha256').update(fileBytes).digest('hex'),
  };
}

async function readBytes(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const info = await stat(path);
    checkReadable(path, info, maxBytes);
    return await readFile(path);
  } catch (err) {
    if (err instanceof DatasetError) {
      throw err;
    }
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
    throw new DatasetError(path, undefined, describeReadFailure(code), 'Check the path and that the file is readable');
  }
}

function checkReadable(path: string, info: { size: number; isFile(): boolean; isDirectory(): boolean }, maxBytes: number): void {
  if (info.isDirectory()) {
    throw new DatasetError(path, undefined, describeReadFailure('EISDIR'), 'Check the path and that the file is readable');
  }
  if (!info.isFile()) {
    throw new DatasetError(path, undefined, 'the path is not a regular file (a device, pipe or socket)', 'Save the examples to a file and pick that file');
  }
  if (info.size > maxBytes) {
    throw new DatasetError(
      path,
      undefined,
      `the file is ${megabytes(info.size)}, more than the ${megabytes(maxBytes)} a dataset may have`,
      'Use a smaller file: split it, or sample a few thousand rows (a few hundred examples are enough to optimize a prompt); or raise the dataset option `maxBytes`',
    );
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb < 0.1 ? `${bytes} bytes` : `${mb.toFixed(1)} MB`;
}

function describeReadFailure(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'the file does not exist';
    case 'EISDIR':
      return 'the path is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'the file cannot be read (permission denied)';
    default:
      return `the file cannot be read (${code ?? 'unknown error'})`;
  }
}

function isBlank(bytes: Buffer): boolean {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.subarray(hasBom ? 3 : 0).every((byte) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d));
}

function parseTable(source: { bytes: Buffer; text: string; format: DatasetFormat }, context: ParseContext): ParsedTable {
  switch (source.format) {
    case 'jsonl':
      return parseJsonl(source.text, context);
    case 'json':
      return parseJsonArray(source.text, context);
    case 'csv':
      return parseDelimited(source.bytes, ',', context);
    case 'tsv':
      return parseDelimited(source.bytes, '\t', context);
  }
}

function checkHasRows(table: ParsedTable, format: DatasetFormat, context: ParseContext): void {
  if (table.rows.length > 0) {
    return;
  }
  if (context.skipped.length > 0) {
    throw allSkipped(context);
  }
  const isHeaderOnly = (format === 'csv' || format === 'tsv') && table.columns.length > 0;
  const problem = isHeaderOnly ? 'the file has a header but no rows' : 'the file has no rows';
  throw new DatasetError(context.file, undefined, problem, HOW_TO_FILL[format]);
}

function allSkipped(context: ParseContext): DatasetError {
  const count = context.skipped.length;
  const first = context.skipped[0];
  const detail = first === undefined ? '' : ` (the first, at line ${first.line}: ${first.reason})`;
  return new DatasetError(
    context.file,
    undefined,
    `the dataset is empty after skipping ${count} bad row${count === 1 ? '' : 's'}${detail}`,
    'Fix the skipped rows, or check that the right file and columns were chosen',
  );
}

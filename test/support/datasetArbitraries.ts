import fc from 'fast-check';
import type { DatasetFormat, LoadDatasetOptions } from '../../src/core/dataset/types';

/** A dataset before it is written: column names and rows of cell values. */
export interface Table {
  columns: string[];
  rows: unknown[][];
}

const TRICKY_TEXT = ['', ' ', '"', '""', ',', '\t', '\n', '\r\n', '\r', '{', '}', '[', ']', '\\', '\u0000', '\uFEFF', 'a,"b"', '"x" y', '\u2028', '😀', '\uD800'];
/** Column names that tempt a loader into prototype lookups or blank names. */
const TRICKY_NAMES = ['question', 'answer', 'input', 'target', 'Question', ' answer ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'a b', 'é'];

const cellText = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.constantFrom(...TRICKY_TEXT), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', '"', ',', '\n', '\r', '\t', '{', '}', '\\', ' ', '\u0000'), maxLength: 16 }), weight: 2 },
);

/** A JSON cell: mostly text, sometimes numbers, booleans, null or nested values. */
const jsonCell = fc.oneof({ arbitrary: cellText, weight: 5 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 });

/** Mostly well-formed tables (a question and an answer column plus extras), so mutations start from valid files. */
export function tableArbitrary(cell: fc.Arbitrary<unknown> = cellText): fc.Arbitrary<Table> {
  return fc
    .record({
      extra: fc.uniqueArray(fc.oneof(fc.constantFrom(...TRICKY_NAMES), fc.string({ maxLength: 6 })), { maxLength: 3 }),
      isStandard: fc.boolean(),
      rowCount: fc.nat({ max: 12 }),
    })
    .chain(({ extra, isStandard, rowCount }) => {
      const columns = [...new Set([...(isStandard ? ['question', 'answer'] : []), ...extra])];
      const width = Math.max(1, columns.length);
      return fc.record({
        columns: fc.constant(columns.length === 0 ? ['question'] : columns),
        rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: rowCount, maxLength: rowCount }),
      });
    });
}

function rowObject(table: Table, row: unknown[]): Record<string, unknown> {
  // defineProperty, so a `__proto__` column is written as a key rather than changing the prototype.
  const object: Record<string, unknown> = {};
  table.columns.forEach((column, i) => Object.defineProperty(object, column, { value: row[i], enumerable: true, writable: true, configurable: true }));
  return object;
}

function delimitedCell(value: unknown, delimiter: string): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table written in `format` the way a tool would write it (pretty JSON is one element per line). */
export function writeTable(table: Table, format: DatasetFormat, options: { isPretty: boolean; newline: string }): string {
  const objects = table.rows.map((row) => rowObject(table, row));
  switch (format) {
    case 'jsonl':
      return objects.map((o) => JSON.stringify(o)).join(options.newline);
    case 'json':
      return options.isPretty ? JSON.stringify(objects, null, 2) : `[${options.newline}${objects.map((o) => JSON.stringify(o)).join(`,${options.newline}`)}${options.newline}]`;
    default: {
      const delimiter = format === 'csv' ? ',' : '\t';
      const lines = [table.columns, ...table.rows].map((row) => row.map((value) => delimitedCell(value, delimiter)).join(delimiter));
      return lines.join(options.newline);
    }
  }
}

/** One way of damaging a file. `at` is a fraction of its length. */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicateFirstLine' }
  | { kind: 'duplicateHeaderColumn' }
  | { kind: 'hugeField'; at: number; size: number; char: string };

const SPECIAL_BYTES = ['"', '{', '}', '[', ']', '\u0000', '\uFEFF', '\r', '\n', ',', '\t', '\\', '"""', '\r\r\n', 'null', '[[[[[[', ']]]', '{"a":', '",'].map((s) => Buffer.from(s, 'utf8'));
const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xef, 0xbb])];

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fraction,
      bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.constantFrom(...SPECIAL_BYTES), fc.constantFrom(...INVALID_UTF8)),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 20 }) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'duplicateFirstLine' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'duplicateHeaderColumn' as const }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('hugeField' as const), at: fraction, size: fc.integer({ min: 10_000, max: 120_000 }), char: fc.constantFrom('a', '"', ',', '{', '\u0000', 'é') }),
    weight: 1,
  },
);

function firstLineEnd(bytes: Buffer): number {
  const end = bytes.indexOf(0x0a);
  return end === -1 ? bytes.length : end;
}

/** Applies one mutation to a file's bytes. */
export function mutate(bytes: Buffer, mutation: Mutation, delimiter: string): Buffer {
  const at = 'at' in mutation ? Math.floor(mutation.at * bytes.length) : 0;
  switch (mutation.kind) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), mutation.bytes, bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + mutation.length)]);
    case 'duplicateFirstLine': {
      const end = firstLineEnd(bytes);
      return Buffer.concat([bytes.subarray(0, end), Buffer.from('\n'), bytes]);
    }
    case 'duplicateHeaderColumn': {
      const end = firstLineEnd(bytes);
      const header = bytes.subarray(0, end).toString('utf8');
      const first = header.split(delimiter)[0] ?? '';
      return Buffer.concat([Buffer.from(`${header}${delimiter}${first}`, 'utf8'), bytes.subarray(end)]);
    }
    case 'hugeField':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.char.repeat(mutation.size), 'utf8'), bytes.subarray(at)]);
  }
}

/** A generated file; counterexamples print a summary instead of every byte. */
export interface GeneratedFile {
  bytes: Buffer;
  mutations: Mutation[];
}

function describeFile(file: GeneratedFile): string {
  const head = JSON.stringify(file.bytes.subarray(0, 300).toString('latin1'));
  const mutations = file.mutations.map((m) => (m.kind === 'hugeField' ? { ...m, size: m.size } : m));
  return `${file.bytes.length} bytes ${head}${file.bytes.length > 300 ? '…' : ''} after ${fc.stringify(mutations)}`;
}

function printable(file: GeneratedFile): GeneratedFile {
  return Object.assign(file, { [fc.toStringMethod]: () => describeFile(file) });
}

/** A file of `format`: written from a random table, then damaged by up to four mutations. */
export function mutatedFileArbitrary(format: DatasetFormat): fc.Arbitrary<GeneratedFile> {
  const delimiter = format === 'tsv' ? '\t' : ',';
  const cell = format === 'jsonl' || format === 'json' ? jsonCell : cellText;
  return fc
    .record({
      table: tableArbitrary(cell),
      isPretty: fc.boolean(),
      newline: fc.constantFrom('\n', '\r\n', '\n\n'),
      hasBom: fc.boolean(),
      hasTrailingNewline: fc.boolean(),
      mutations: fc.array(mutationArbitrary, { maxLength: 4 }),
    })
    .map(({ table, isPretty, newline, hasBom, hasTrailingNewline, mutations }) => {
      const text = `${hasBom ? '\uFEFF' : ''}${writeTable(table, format, { isPretty, newline })}${hasTrailingNewline ? newline : ''}`;
      const bytes = mutations.reduce<Buffer>((acc, m) => mutate(acc, m, delimiter), Buffer.from(text, 'utf8'));
      return printable({ bytes, mutations });
    });
}

/** `undefined` three times in four, else a value of `arbitrary`. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
}

/** Loader options a user (or a settings file) might pass, tricky column names included. */
export const loadOptionsArbitrary: fc.Arbitrary<LoadDatasetOptions> = fc
  .record({
    skipBadRows: fc.boolean(),
    inputColumn: sometimes(fc.constantFrom(...TRICKY_NAMES)),
    targetColumn: sometimes(fc.constantFrom(...TRICKY_NAMES)),
    templateColumns: sometimes(fc.array(fc.constantFrom(...TRICKY_NAMES), { maxLength: 2 })),
  })
  .map((options) => Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as LoadDatasetOptions);

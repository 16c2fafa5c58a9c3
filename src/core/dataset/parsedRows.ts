import { DatasetError } from '../errors';
import type { SkippedRow } from './types';

/** One row as a parser read it, before the input and target columns are chosen. */
export interface RawRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** The row's values by column name, exactly as the file holds them (not yet text). */
  values: Record<string, unknown>;
}

/** What every format parser returns. */
export interface ParsedTable {
  /** Column names in order of first appearance. */
  columns: string[];
  rows: RawRow[];
}

/** Shared state of one load: where to report, and whether bad rows are dropped or fatal. */
export interface ParseContext {
  /** The path as the caller gave it, used in every message. */
  file: string;
  shouldSkipBadRows: boolean;
  /** Receives the rows dropped when `shouldSkipBadRows` is set. */
  skipped: SkippedRow[];
}

/** A problem confined to one row, which `skipBadRows` may drop. */
export interface RowProblem {
  line: number;
  /** 1-based column, for a syntax error. */
  column?: number;
  /** What is wrong, without a trailing period. */
  problem: string;
  /** How to fix it, as one sentence. */
  fix: string;
}

/**
 * Reports a row-level problem: records it in `context.skipped` when bad rows are
 * skipped, otherwise throws it as a {@link DatasetError} naming the file and line.
 */
export function rejectRow(context: ParseContext, row: RowProblem): void {
  if (!context.shouldSkipBadRows) {
    throw new DatasetError(context.file, row.column === undefined ? row.line : { line: row.line, column: row.column }, row.problem, row.fix);
  }
  context.skipped.push({ line: row.line, reason: row.problem });
}

/** Adds to `columns` (and `seen`) every key of `values` not met before, keeping first-seen order. */
export function collectColumns(values: Record<string, unknown>, seen: Set<string>, columns: string[]): void {
  for (const key of Object.keys(values)) {
    if (!seen.has(key)) {
      seen.add(key);
      columns.push(key);
    }
  }
}

/** Names a JSON value's kind for messages: `an array`, `a number`, `null`… */
export function describeJsonKind(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  const kind = typeof value;
  return kind === 'object' ? 'an object' : `a ${kind}`;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

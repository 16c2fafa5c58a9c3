import { DatasetError } from '../errors';
import type { ParsedTable } from './parsedRows';

/**
 * Empty cells the loader may invent for rows that lack some columns. Every example holds every
 * column, so rows that each bring their own keys would cost rows × columns: 20,000 rows with one
 * id-like key each already make 400 million cells, which no machine has memory or time for.
 */
export const MAX_MISSING_CELLS = 2_000_000;

/**
 * Refuses a table whose rows have so many different keys between them that filling in the
 * missing ones would exhaust memory; dense tables (every row has every column) always pass.
 * @throws {DatasetError} without a line: the problem is the file's shape, not one row.
 */
export function checkColumnSpread(table: ParsedTable, file: string): void {
  const present = table.rows.reduce((sum, row) => sum + Object.keys(row.values).length, 0);
  const missing = table.rows.length * table.columns.length - present;
  if (missing > MAX_MISSING_CELLS) {
    throw new DatasetError(
      file,
      undefined,
      `the ${table.rows.length} rows use ${table.columns.length} different keys between them and most rows lack most of them`,
      'Give every row the same few keys, e.g. {"question": …, "answer": …}; a key that differs per row (such as an id used as a key) adds a column',
    );
  }
}

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';

const SAMPLE_ROWS = 50;

/**
 * The column names of a dataset file, read from its first rows, for asking the user which column
 * is which when core could not detect them. Empty when the file cannot be read this way.
 */
export async function sniffColumns(path: string): Promise<string[]> {
  try {
    const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    const ext = extname(path).toLowerCase();
    if (ext === '.csv' || ext === '.tsv') {
      const [header] = parse(text, { delimiter: ext === '.tsv' ? '\t' : ',', to_line: 1, relax_column_count: true }) as string[][];
      return (header ?? []).map((name) => name.trim()).filter((name) => name !== '');
    }
    return keysOf(rowsOfJson(text));
  } catch {
    return [];
  }
}

function rowsOfJson(text: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed.slice(0, SAMPLE_ROWS) : [];
  }
  return trimmed
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, SAMPLE_ROWS)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return [];
      }
    });
}

function keysOf(rows: unknown[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) {
    if (typeof row === 'object' && row !== null && !Array.isArray(row)) {
      Object.keys(row).forEach((key) => keys.add(key));
    }
  }
  return [...keys];
}

import { extname } from 'node:path';
import { DatasetError } from '../errors';
import { isJsonObject } from './parsedRows';
import type { DatasetFormat } from './types';

const FORMAT_BY_EXTENSION: Readonly<Record<string, DatasetFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
  '.tsv': 'tsv',
};

const FORMATS: readonly string[] = ['jsonl', 'json', 'csv', 'tsv'];

/**
 * The format to read `file` as: `requested` when given (checked, since it may come
 * from a settings file), else the one its extension stands for.
 */
export function chooseFormat(file: string, requested: string | undefined): DatasetFormat {
  if (requested === undefined) {
    return formatFromPath(file);
  }
  if (!FORMATS.includes(requested)) {
    throw new DatasetError(file, undefined, `unknown dataset format \`${requested}\``, 'Set the format to jsonl, json, csv or tsv');
  }
  return requested as DatasetFormat;
}

/** The format a file's extension (any case) stands for; throws a {@link DatasetError} for any other extension. */
export function formatFromPath(file: string): DatasetFormat {
  const extension = extname(file).toLowerCase();
  const format = FORMAT_BY_EXTENSION[extension];
  if (format === undefined) {
    const shown = extension === '' ? 'no extension' : `the extension \`${extension}\``;
    throw new DatasetError(
      file,
      undefined,
      `cannot tell the dataset format from ${shown}`,
      'Use a .jsonl, .ndjson, .json, .csv or .tsv file, or set the format explicitly',
    );
  }
  return format;
}

/**
 * True when text meant as JSON is really JSON Lines: its first non-blank line is a
 * complete JSON object on its own. A JSON array starts with `[`, and a pretty-printed
 * object's first line (`{`) is not complete, so neither is mistaken for JSON Lines.
 */
export function looksLikeJsonLines(text: string): boolean {
  const start = text.search(/\S/);
  if (start === -1 || text[start] !== '{') {
    return false;
  }
  const newline = text.indexOf('\n', start);
  const firstLine = text.slice(start, newline === -1 ? text.length : newline);
  try {
    return isJsonObject(JSON.parse(firstLine));
  } catch {
    return false;
  }
}

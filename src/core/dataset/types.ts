/** One row of a dataset, with what the scorer sees and what it must answer. */
export interface Example {
  /** 0-based position among the rows that loaded (skipped rows excluded). */
  index: number;
  /** 1-based line of the file where the row starts (for JSON arrays: the line of its `{`). */
  line: number;
  /** The input column's text; in template mode, the row's fields as `key: value` lines when no input column exists. */
  input: string;
  /** The expected output. */
  target: string;
  /** Every column of the row as text, for `{{column}}` templates. */
  fields: Record<string, string>;
}

export type DatasetFormat = 'jsonl' | 'json' | 'csv' | 'tsv';

export interface SkippedRow {
  line: number;
  reason: string;
}

export interface Dataset {
  /** The path as given by the caller. */
  file: string;
  format: DatasetFormat;
  /** Column names in file order. */
  columns: string[];
  /** Undefined only in template mode when no input column exists. */
  inputColumn: string | undefined;
  targetColumn: string;
  examples: Example[];
  /** Rows dropped because `skipBadRows` was set; empty otherwise. */
  skipped: SkippedRow[];
  /** sha256 (hex) of the file's bytes, to tell on resume whether the file changed. */
  fingerprint: string;
}

/** The largest dataset file read by default: 100 MB. Larger files are refused, not read into memory. */
export const DEFAULT_MAX_DATASET_BYTES = 100 * 1024 * 1024;

export interface LoadDatasetOptions {
  /** Guessed from the extension (.jsonl/.ndjson, .json, .csv, .tsv) when absent. */
  format?: DatasetFormat;
  /** Column holding the input; detected among question/input/prompt/text/query (any case) when absent. */
  inputColumn?: string;
  /** Column holding the expected output; detected among answer/target/output/label/expected when absent. */
  targetColumn?: string;
  /**
   * Placeholders of a `{{column}}` template. When given, every one must name a column,
   * and an input column is optional.
   */
  templateColumns?: string[];
  /** Drop malformed rows (reported in `skipped`) instead of failing on the first one. @default false */
  skipBadRows?: boolean;
  /** Refuse files larger than this many bytes, before reading them. @default DEFAULT_MAX_DATASET_BYTES (100 MB) */
  maxBytes?: number;
}

/** Sizes of the split: a whole number is a count of rows, a number in (0, 1) a fraction of them. */
export interface SplitOptions {
  /** @default all rows not in validation */
  train?: number;
  /** @default 0 */
  validation?: number;
  /** Seeds the split. @default the run's seed (`RunConfig.seed`) */
  seed?: number;
}

export interface DatasetSplit {
  /** Indices into `Dataset.examples`. */
  train: number[];
  validation: number[];
}

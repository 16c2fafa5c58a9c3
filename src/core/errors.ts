/**
 * The one error type core throws at its boundary. `kind` tells the front ends
 * what went wrong so they can say what to do; `hint` is that advice in one
 * sentence and `setting` names the setting or flag to change, when there is one.
 */
export type OproErrorKind =
  | 'config'
  | 'dataset'
  | 'auth'
  | 'notFound'
  | 'rateLimit'
  | 'quota'
  | 'network'
  | 'timeout'
  | 'badResponse'
  /** A run or cache file could not be written (disk full, folder not writable). */
  | 'storage'
  | 'cancelled';

export interface OproErrorOptions {
  hint?: string;
  setting?: string;
  cause?: unknown;
  /** HTTP status of the failed request, when there was one. */
  status?: number;
}

export class OproError extends Error {
  readonly kind: OproErrorKind;
  readonly hint: string | undefined;
  readonly setting: string | undefined;
  readonly status: number | undefined;

  constructor(kind: OproErrorKind, message: string, options: OproErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OproError';
    this.kind = kind;
    this.hint = options.hint;
    this.setting = options.setting;
    this.status = options.status;
  }
}

/** Where in a file: a 1-based line, and the 1-based column (UTF-16 units) when the problem has one. */
export interface FilePosition {
  line: number;
  column?: number;
}

/**
 * A problem with a dataset file. The message always names the file and, when the
 * problem sits on one row, its 1-based line; it ends with how to fix it. A syntax error
 * also carries its column, so an editor can jump to it even on a one-line file.
 */
export class DatasetError extends OproError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** What is wrong, without the file or the fix (for a short description, such as a quick pick's). */
  readonly problem: string;

  constructor(file: string, at: number | FilePosition | undefined, problem: string, fix: string) {
    const position = typeof at === 'number' ? { line: at } : at;
    const where = position === undefined ? file : `${file}:${position.line}`;
    super('dataset', `${where}: ${problem}. ${fix}`, { hint: fix });
    this.name = 'DatasetError';
    this.file = file;
    this.line = position?.line;
    this.column = position?.column;
    this.problem = problem;
  }
}

/** What a {@link ColumnChoiceError} says: which role lacks a column, the file's columns, and the message parts. */
export interface ColumnChoice {
  role: 'input' | 'target';
  columns: readonly string[];
  problem: string;
  fix: string;
}

/**
 * Core cannot tell which column of a dataset is the input or the target (none has a known name, a
 * chosen one does not exist, or both would be the same column). It carries the file's columns, so a
 * front end can ask which one to use without reading the file again.
 */
export class ColumnChoiceError extends DatasetError {
  readonly role: 'input' | 'target';
  readonly columns: readonly string[];

  constructor(file: string, choice: ColumnChoice) {
    super(file, undefined, choice.problem, choice.fix);
    this.name = 'ColumnChoiceError';
    this.role = choice.role;
    this.columns = choice.columns;
  }
}

export function isOproError(value: unknown): value is OproError {
  return value instanceof OproError;
}

/** True for the error an aborted AbortSignal produces anywhere in core. */
export function isCancellation(err: unknown): boolean {
  if (err instanceof OproError) {
    return err.kind === 'cancelled';
  }
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'APIUserAbortError');
}

export function cancelledError(): OproError {
  return new OproError('cancelled', 'The run was cancelled.');
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'the folder is not writable',
  EPERM: 'the folder is not writable',
  EROFS: 'the file system is read-only',
};

/** Why a write failed, in words, with the errno code: "the disk is full (ENOSPC)". */
export function writeFailureReason(err: unknown): string {
  const raw = (err as { code?: unknown } | undefined)?.code;
  const code = typeof raw === 'string' ? raw : undefined;
  const reason = code === undefined ? undefined : REASONS[code];
  if (reason !== undefined) {
    return `${reason} (${code})`;
  }
  return err instanceof Error ? err.message : String(err);
}

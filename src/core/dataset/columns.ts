import { ColumnChoiceError, DatasetError } from '../errors';
import type { LoadDatasetOptions } from './types';

/** Column names tried, in priority order, when no input column is given. */
export const INPUT_COLUMN_NAMES: readonly string[] = ['question', 'input', 'prompt', 'text', 'query'];
/** Column names tried, in priority order, when no target column is given. */
export const TARGET_COLUMN_NAMES: readonly string[] = ['answer', 'target', 'output', 'label', 'expected'];

/** The user's column choices: the subset of {@link LoadDatasetOptions} about columns. */
export type ColumnOptions = Pick<LoadDatasetOptions, 'inputColumn' | 'targetColumn' | 'templateColumns'>;

/** The columns a dataset's examples are built from. */
export interface DetectedColumns {
  /** Undefined only in template mode when no input column exists. */
  inputColumn: string | undefined;
  targetColumn: string;
}

interface Role {
  name: 'input' | 'target';
  candidates: readonly string[];
  flag: string;
}

const INPUT: Role = { name: 'input', candidates: INPUT_COLUMN_NAMES, flag: '--input-column / opro.inputColumn' };
const TARGET: Role = { name: 'target', candidates: TARGET_COLUMN_NAMES, flag: '--target-column / opro.targetColumn' };
const MAX_LISTED = 20;
/** Longest column name quoted whole in a message; a header can hold a megabyte of text. */
const MAX_SHOWN_NAME = 40;

/**
 * Chooses the input and target columns among `columns`. A column the user named must
 * exist (exact name, else a unique case-insensitive match). Otherwise the known names
 * are tried in priority order, exact matches before case-insensitive ones. In template
 * mode (`templateColumns` given) every placeholder must name a column and the input
 * column may be absent. Throws (with no line) a {@link ColumnChoiceError} naming the role that has no
 * column, with the file's columns, or a {@link DatasetError} for a placeholder that names no column.
 */
export function detectColumns(file: string, columns: readonly string[], options: ColumnOptions = {}): DetectedColumns {
  const isTemplateMode = options.templateColumns !== undefined;
  if (options.templateColumns !== undefined) {
    checkPlaceholders(file, columns, options.templateColumns);
  }
  const targetColumn = resolveColumn({ file, columns, role: TARGET, requested: options.targetColumn });
  if (targetColumn === undefined) {
    throw missingRole(file, columns, TARGET);
  }
  // Detection skips the target so a user-chosen target like `question` is not also taken as input.
  const searched = options.inputColumn === undefined ? columns.filter((column) => column !== targetColumn) : columns;
  const inputColumn = resolveColumn({ file, columns: searched, role: INPUT, requested: options.inputColumn });
  if (inputColumn === targetColumn) {
    throw new ColumnChoiceError(file, {
      role: 'target',
      columns,
      problem: `the input and target columns are both \`${targetColumn}\``,
      fix: 'Choose two different columns for the input and the target',
    });
  }
  if (inputColumn === undefined && !isTemplateMode) {
    throw missingRole(file, columns, INPUT);
  }
  return { inputColumn, targetColumn };
}

/** A column name as a message shows it: cut to `MAX_SHOWN_NAME` characters plus `…`. */
export function shownName(name: string): string {
  return name.length > MAX_SHOWN_NAME ? `${name.slice(0, MAX_SHOWN_NAME)}…` : name;
}

/** Renders column names for a message as `[a, b, c]`, shortened when there are many or they are long. */
export function listColumns(columns: readonly string[]): string {
  const shown = columns.slice(0, MAX_LISTED).map(shownName).join(', ');
  const rest = columns.length - MAX_LISTED;
  return rest > 0 ? `[${shown}, … ${rest} more]` : `[${shown}]`;
}

function resolveColumn(query: {
  file: string;
  columns: readonly string[];
  role: Role;
  requested: string | undefined;
}): string | undefined {
  const { file, columns, role, requested } = query;
  if (requested === undefined) {
    return findByPriority(columns, role.candidates);
  }
  if (columns.includes(requested)) {
    return requested;
  }
  const folded = columns.filter((column) => column.toLowerCase() === requested.toLowerCase());
  if (folded.length === 1) {
    return folded[0];
  }
  throw new ColumnChoiceError(file, {
    role: role.name,
    columns,
    problem: `there is no ${role.name} column \`${shownName(requested)}\` among ${listColumns(columns)}`,
    fix: `Set the ${role.name} column (${role.flag}) to one of those names`,
  });
}

function findByPriority(columns: readonly string[], candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    if (columns.includes(candidate)) {
      return candidate;
    }
  }
  for (const candidate of candidates) {
    const match = columns.find((column) => column.toLowerCase() === candidate);
    if (match !== undefined) {
      return match;
    }
  }
  return undefined;
}

function missingRole(file: string, columns: readonly string[], role: Role): ColumnChoiceError {
  return new ColumnChoiceError(file, {
    role: role.name,
    columns,
    problem: `no ${role.name} column among ${listColumns(columns)}`,
    fix: `Name one column ${role.candidates.join('/')}, or set the ${role.name} column (${role.flag})`,
  });
}

function checkPlaceholders(file: string, columns: readonly string[], placeholders: readonly string[]): void {
  const missing = [...new Set(placeholders.filter((name) => !columns.includes(name)))];
  if (missing.length > 0) {
    const names = missing.map((name) => `{{${shownName(name)}}}`).join(', ');
    throw new DatasetError(
      file,
      undefined,
      `the template's placeholders ${names} name no column; the columns are ${listColumns(columns)}`,
      'Rename the placeholders to column names, or add those columns to the file',
    );
  }
}

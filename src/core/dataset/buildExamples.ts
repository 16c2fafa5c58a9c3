import { toCellText } from './cellText';
import { rejectRow, type ParseContext, type RawRow } from './parsedRows';
import type { Example } from './types';

/** How parsed rows become examples. */
export interface ExamplePlan {
  /** Every column, in file order; each becomes a field of every example. */
  columns: readonly string[];
  /** When undefined (template mode only), the input is the row's fields as `key: value` lines. */
  inputColumn: string | undefined;
  targetColumn: string;
  /** In template mode the input column is optional, so an empty input is allowed. */
  isTemplateMode: boolean;
}

const SKIP_HINT = 'or skip such rows (--skip-bad-rows / opro.skipBadRows)';
/** Deeper values are refused: turning them into text would overflow the call stack. */
export const MAX_CELL_DEPTH = 100;

/**
 * Turns parsed rows into {@link Example}s, numbering them among the rows kept.
 * A row whose target (or, outside template mode, input) is missing or blank is a
 * row problem: it throws, or is listed in `context.skipped` when bad rows are skipped.
 */
export function buildExamples(rows: readonly RawRow[], plan: ExamplePlan, context: ParseContext): Example[] {
  const examples: Example[] = [];
  for (const row of rows) {
    if (!isShallow(row, context)) {
      continue;
    }
    const fields = toFields(row.values, plan.columns);
    if (!hasValue(row, fields, { column: plan.targetColumn, context })) {
      continue;
    }
    const needsInput = plan.inputColumn !== undefined && !plan.isTemplateMode;
    if (needsInput && !hasValue(row, fields, { column: plan.inputColumn as string, context })) {
      continue;
    }
    examples.push({
      index: examples.length,
      line: row.line,
      input: plan.inputColumn === undefined ? describeFields(fields, plan.targetColumn) : (fields[plan.inputColumn] ?? ''),
      target: fields[plan.targetColumn] ?? '',
      fields,
    });
  }
  return examples;
}

function toFields(values: Record<string, unknown>, columns: readonly string[]): Record<string, string> {
  // fromEntries and hasOwn, so a column named `__proto__` or `constructor` is data, not the prototype.
  return Object.fromEntries(columns.map((column) => [column, toCellText(Object.hasOwn(values, column) ? values[column] : undefined)]));
}

/** False (after reporting the row) when a value nests deeper than `MAX_CELL_DEPTH`. */
function isShallow(row: RawRow, context: ParseContext): boolean {
  if (!Object.values(row.values).some((value) => depthExceeds(value, MAX_CELL_DEPTH))) {
    return true;
  }
  rejectRow(context, {
    line: row.line,
    problem: `a value is nested more than ${MAX_CELL_DEPTH} levels deep`,
    fix: `Flatten the value or delete the row, ${SKIP_HINT}`,
  });
  return false;
}

/** Whether arrays and objects in `value` nest deeper than `limit`; iterative, so depth costs no stack. */
function depthExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item === 'object' && item !== null) {
      if (depth >= limit) {
        return true;
      }
      for (const inner of Object.values(item)) {
        pending.push([inner, depth + 1]);
      }
    }
  }
  return false;
}

function hasValue(
  row: RawRow,
  fields: Record<string, string>,
  check: { column: string; context: ParseContext },
): boolean {
  const { column, context } = check;
  const isMissing = !Object.hasOwn(row.values, column);
  if (!isMissing && (fields[column] ?? '').trim() !== '') {
    return true;
  }
  rejectRow(context, {
    line: row.line,
    problem: isMissing ? `row has no \`${column}\` field` : `row has an empty \`${column}\``,
    fix: `Fill in \`${column}\` on this row or delete the row, ${SKIP_HINT}`,
  });
  return false;
}

function describeFields(fields: Record<string, string>, targetColumn: string): string {
  return Object.entries(fields)
    .filter(([column]) => column !== targetColumn)
    .map(([column, value]) => `${column}: ${value}`)
    .join('\n');
}

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

/**
 * Turns parsed rows into {@link Example}s, numbering them among the rows kept.
 * A row whose target (or, outside template mode, input) is missing or blank is a
 * row problem: it throws, or is listed in `context.skipped` when bad rows are skipped.
 */
export function buildExamples(rows: readonly RawRow[], plan: ExamplePlan, context: ParseContext): Example[] {
  const examples: Example[] = [];
  for (const row of rows) {
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
  const fields: Record<string, string> = {};
  for (const column of columns) {
    fields[column] = toCellText(values[column]);
  }
  return fields;
}

function hasValue(
  row: RawRow,
  fields: Record<string, string>,
  check: { column: string; context: ParseContext },
): boolean {
  const { column, context } = check;
  const isMissing = !Object.prototype.hasOwnProperty.call(row.values, column);
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

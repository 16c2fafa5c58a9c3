import type { Position } from '../prompt/position';
import { promptWithDemos, type Demonstration } from '../prompt/demonstrations';
import type { RecordedExample } from '../runRecord';

/** What rendering a candidate's prompt reads: its instruction and its demonstration rows. */
export interface PromptParts {
  instruction: string;
  demos?: readonly number[];
}

/** A run's rows as demonstrations: each row's input, expected answer and (template mode) columns. */
export function demonstrationsOf(rows: readonly number[], examples: readonly RecordedExample[]): Demonstration[] {
  return rows.flatMap((row) => {
    const example = examples[row]?.index === row ? examples[row] : examples.find((e) => e.index === row);
    return example === undefined ? [] : [{ input: example.input, target: example.target, ...(example.fields === undefined ? {} : { fields: example.fields }) }];
  });
}

/**
 * The prompt a candidate is scored with, shown as and inserted as: its instruction, followed by its
 * demonstrations in the documented format (promptWithDemos). Without demonstrations, the instruction.
 */
export function candidatePrompt(candidate: PromptParts, record: { examples: readonly RecordedExample[]; config: { position: Position } }): string {
  const rows = candidate.demos ?? [];
  return rows.length === 0 ? candidate.instruction : promptWithDemos(candidate.instruction, demonstrationsOf(rows, record.examples), record.config.position);
}

/** The rows a candidate is scored on: `rows` less its own demonstrations (no leakage). */
export function rowsWithoutDemos(rows: readonly number[], candidate: PromptParts): readonly number[] {
  const shown = new Set(candidate.demos ?? []);
  return shown.size === 0 ? rows : rows.filter((row) => !shown.has(row));
}

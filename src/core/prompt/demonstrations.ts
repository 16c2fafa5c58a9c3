import type { Position } from './position';
import { fillTemplate, hasPlaceholders } from './template';

/** A training row shown in the prompt as a worked example: its input and its expected answer. */
export interface Demonstration {
  input: string;
  target: string;
  /** The row's columns, for template mode (the template's own format fills them). */
  fields?: Record<string, string>;
}

/** The line that opens the demonstrations outside template mode. */
export const DEMOS_HEADING = 'Examples:';

/**
 * The prompt a candidate is scored with and inserted as: its instruction followed by its
 * demonstrations. Outside template mode (documented in README):
 *
 * ```
 * {instruction}
 *
 * Examples:
 *
 * Q: {input}
 * A: {expected answer}
 *
 * Q: …
 * ```
 *
 * In template mode each demonstration is written in the template's own format (see
 * {@link templateWithDemos}). Without demonstrations the instruction is returned unchanged.
 */
export function promptWithDemos(instruction: string, demos: readonly Demonstration[], position: Position): string {
  if (demos.length === 0) {
    return instruction;
  }
  return position === 'template' ? templateWithDemos(instruction, demos) : plainWithDemos(instruction, demos);
}

/**
 * A template with demonstrations in its own format. The template splits at its first line with a
 * placeholder: the lines above are its instruction, the rest shows one example. Each
 * demonstration is that part filled with the row's columns and followed by its expected answer
 * (after a space when the part ends with a colon, as in `Answer:`, else on a new line); they go
 * between the instruction and the example part, one blank line apart. A template without a
 * placeholder gets the plain format.
 *
 * ```
 * You are a careful tutor.          You are a careful tutor.
 * Question: {{question}}     ->     Question: What is 2 + 3?
 * Answer:                           Answer: 5
 *
 *                                   Question: {{question}}
 *                                   Answer:
 * ```
 */
export function templateWithDemos(template: string, demos: readonly Demonstration[]): string {
  const lines = template.split('\n');
  const first = lines.findIndex(hasPlaceholders);
  if (first === -1) {
    return plainWithDemos(template, demos);
  }
  const head = lines.slice(0, first).join('\n').replace(/\n+$/, '');
  const body = lines.slice(first).join('\n');
  const shown = demos.map((demo) => {
    const filled = fillTemplate(body, demo.fields ?? {});
    return /:[ \t]*$/.test(filled) ? `${filled.replace(/[ \t]+$/, '')} ${demo.target}` : `${filled}\n${demo.target}`;
  });
  return [...(head === '' ? [] : [head]), ...shown, body].join('\n\n');
}

function plainWithDemos(instruction: string, demos: readonly Demonstration[]): string {
  const block = [DEMOS_HEADING, ...demos.map((demo) => `Q: ${demo.input}\nA: ${demo.target}`)].join('\n\n');
  return instruction === '' ? block : `${instruction}\n\n${block}`;
}

/**
 * Whether a row can be shown as a demonstration in template mode: a value holding `{{…}}` would be
 * read as a placeholder when the template is filled for each example.
 */
export function isDemoSafe(demo: Demonstration): boolean {
  const values = [demo.input, demo.target, ...Object.values(demo.fields ?? {})];
  return values.every((value) => !/\{\{[^{}]*\}\}/.test(value));
}

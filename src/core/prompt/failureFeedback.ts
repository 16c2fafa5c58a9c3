/** One training example the current best instruction gets wrong, as the feedback meta-prompt shows it. */
export interface MetaPromptFailure {
  input: string;
  /** The scorer's reply (the model's answer). */
  output: string;
  /** The expected answer. */
  target: string;
  /** The judge's or custom scorer's reason, when it gave one. */
  reason?: string;
}

/** Characters of a failure's input, model answer and expected answer shown; the rest is cut with `…`. */
export const FAILURE_TEXT_CHARS = 500;
/** Characters of a judge's reason shown. */
export const FAILURE_REASON_CHARS = 300;

/**
 * Keeps the first `max` characters (`…` after them), or with `fromEnd` the last ones (`…` before them):
 * a long model answer keeps its end, where the final answer is.
 */
export function clipText(text: string, max: number, fromEnd = false): string {
  const chars = [...text.trim()];
  if (chars.length <= max) {
    return chars.join('');
  }
  return fromEnd ? `…${chars.slice(chars.length - max).join('')}` : `${chars.slice(0, max).join('')}…`;
}

/**
 * The block `--method feedback` adds to the meta-prompt, before the closing request (wording in
 * README). `isStart`: the instructions are answer-starting sentences (position A_begin). No failures,
 * no block: the meta-prompt is OPRO's.
 */
export function failuresBlock(failures: readonly MetaPromptFailure[], isStart: boolean): string {
  if (failures.length === 0) {
    return '';
  }
  const noun = isStart ? 'starting sentence' : 'instruction';
  const hasReasons = failures.some((f) => f.reason !== undefined && f.reason.trim() !== '');
  const shown = hasReasons ? "the model's answer, the expected answer and the judge's reason" : "the model's answer and the expected answer";
  let text = `\n\nBelow are some problems that the best ${noun} above gets wrong, with ${shown}. The new ${noun} should help the model get problems like these right.\n`;
  for (const failure of failures) {
    text += `\nProblem:\n${clipText(failure.input, FAILURE_TEXT_CHARS)}\nModel answer:\n${clipText(failure.output, FAILURE_TEXT_CHARS, true)}\nExpected answer:\n${clipText(failure.target, FAILURE_TEXT_CHARS)}\n`;
    if (failure.reason !== undefined && failure.reason.trim() !== '') {
      text += `Judge's reason:\n${clipText(failure.reason, FAILURE_REASON_CHARS)}\n`;
    }
  }
  return text;
}

/**
 * The one entry point that checks a model output against its target with a rule metric. (The LLM
 * judge, which asks a model instead, is `grading/llmJudge.ts`.)
 */
import { checkBoolean } from './boolean';
import { checkChoice } from './choice';
import { checkJson } from './json';
import { extractNumber } from './number';
import { checkContains, checkExact, checkRegex } from './text';
import type { AnswerContext, AnswerCheck, MetricKind, MetricOptions } from './types';

/** `number`: both sides read by {@link extractNumber} and compared as numbers. */
function checkNumber(output: string, target: string, decimals: number | undefined): AnswerCheck {
  const answer = extractNumber(output, { decimals });
  const wanted = extractNumber(target, { decimals });
  return { answer, correct: answer !== '' && wanted !== '' && Number(answer) === Number(wanted) };
}

/**
 * Checks one output against its target with the metric in `options`.
 *
 * - `number`: GSM8K-style number extraction on both sides, compared as numbers rounded to `decimals`.
 * - `choice`: one option letter (or the text of one option listed in `context.input`).
 * - `boolean`: yes/no, true/false, valid/invalid, 1/0 read from both sides.
 * - `exact`, `contains`, `regex`: normalized text, see `text.ts`.
 * - `json`: the output parses as JSON and matches the expected JSON field by field, see `json.ts`.
 *
 * @returns the parsed answer (`''` when none) and whether it is correct.
 * @throws OproError `config` when a `regex` pattern is invalid.
 */
export function checkAnswer(output: string, target: string, options: MetricOptions, context?: AnswerContext): AnswerCheck {
  switch (options.kind) {
    case 'number':
      return checkNumber(output, target, options.decimals);
    case 'choice':
      return checkChoice(output, target, context);
    case 'boolean':
      return checkBoolean(output, target);
    case 'exact':
      return checkExact(output, target);
    case 'contains':
      return checkContains(output, target);
    case 'regex':
      return checkRegex(output, target, options.pattern);
    case 'json':
      return checkJson(output, target, options.fields);
    default:
      return assertNever(options.kind);
  }
}

function assertNever(kind: never): never {
  throw new Error(`Unknown metric kind: ${String(kind)}`);
}

/**
 * Library shorthand for {@link checkAnswer} with default options and no context.
 * @returns true when `output` answers `target` correctly under `kind`.
 */
export function isCorrect(output: string, target: string, kind: MetricKind): boolean {
  return checkAnswer(output, target, { kind }).correct;
}

/**
 * The one entry point that checks a model output against its target.
 */
import { judgeBoolean } from './boolean';
import { judgeChoice } from './choice';
import { judgeJson } from './json';
import { extractNumber } from './number';
import { judgeContains, judgeExact, judgeRegex } from './text';
import type { JudgeContext, Judgement, MetricKind, MetricOptions } from './types';

/** `number`: both sides read by {@link extractNumber} and compared as numbers. */
function judgeNumber(output: string, target: string, decimals: number | undefined): Judgement {
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
export function judge(output: string, target: string, options: MetricOptions, context?: JudgeContext): Judgement {
  switch (options.kind) {
    case 'number':
      return judgeNumber(output, target, options.decimals);
    case 'choice':
      return judgeChoice(output, target, context);
    case 'boolean':
      return judgeBoolean(output, target);
    case 'exact':
      return judgeExact(output, target);
    case 'contains':
      return judgeContains(output, target);
    case 'regex':
      return judgeRegex(output, target, options.pattern);
    case 'json':
      return judgeJson(output, target, options.fields);
    default:
      return assertNever(options.kind);
  }
}

function assertNever(kind: never): never {
  throw new Error(`Unknown metric kind: ${String(kind)}`);
}

/**
 * Library shorthand for {@link judge} with default options and no context.
 * @returns true when `output` answers `target` correctly under `kind`.
 */
export function isCorrect(output: string, target: string, kind: MetricKind): boolean {
  return judge(output, target, { kind }).correct;
}

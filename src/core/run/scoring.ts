import type { Example } from '../dataset/types';
import { OproError } from '../errors';
import type { Grader } from '../grading/grader';
import { isCutOff } from '../llm/chatResponse';
import type { ChatResponse, LlmClient } from '../llm/types';
import { buildScorerMessages, type ScorerPromptOptions } from '../prompt/scorerPrompt';
import type { ExampleResult, SplitScore } from '../runRecord';
import { isFatal } from './fatal';
import type { Gate } from './gate';
import { splitScore } from './splitScore';
import type { UsageMeter } from './usage';

export interface ScorerContext {
  client: LlmClient;
  /** Every row of the dataset, by `Example.index`. */
  examples: readonly Example[];
  grader: Grader;
  prompt: ScorerPromptOptions;
  temperature: number;
  maxTokens: number;
  meter: UsageMeter;
  signal?: AbortSignal;
  /** Called for each answer cut at the token limit (the run warns once). */
  onTruncated?: () => void;
  /** Bounds the examples being prepared or asked at once, across every instruction scored in parallel. */
  admission?: Gate;
}

/**
 * Scores one instruction on the given rows, all calls at once (the client's limiter paces them).
 * The score is the mean credit (1 or 0, or a grader's partial credit) over the examples that got a
 * verdict: an answer cut at the token limit is `truncated`, a call or an LLM judge's grade that still
 * fails after the client's retries is `errored`, and neither counts as wrong. When every example
 * errored the endpoint is down, and that error rejects; so do a fatal error, a cancellation and a
 * spent budget.
 */
export async function scoreInstruction(instruction: string, rows: readonly number[], context: ScorerContext): Promise<SplitScore> {
  const failures: unknown[] = [];
  // Settle every call before failing, so calls already paid are counted and none outlives the run.
  const exampleContext = { ...context, failures };
  const { admission } = context;
  const score = (row: number): Promise<ExampleResult> => scoreExample(instruction, row, exampleContext);
  const settled = await Promise.allSettled(rows.map((row) => (admission === undefined ? score(row) : admission.run(() => score(row)))));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
  const results = settled.map((s) => (s as PromiseFulfilledResult<ExampleResult>).value);
  if (results.length > 0 && results.every((r) => r.status === 'errored')) {
    throw failures[failures.length - 1];
  }
  return splitScore(results);
}

type ExampleContext = ScorerContext & { failures: unknown[] };

async function scoreExample(instruction: string, row: number, context: ExampleContext): Promise<ExampleResult> {
  const example = context.examples[row];
  if (example === undefined) {
    throw new OproError('config', `Row ${row} is not in the dataset.`);
  }
  const request = {
    messages: buildScorerMessages(instruction, example, context.prompt),
    temperature: context.temperature,
    maxTokens: context.maxTokens,
  };
  let response: ChatResponse;
  try {
    response = await context.client.complete(request, context.signal);
    context.meter.recordResponse('scorer', context.client.model, response);
  } catch (err) {
    if (isFatal(err)) {
      throw err;
    }
    context.meter.recordFailure('scorer', context.client.model);
    context.failures.push(err);
    return { example: row, output: '', answer: '', correct: false, status: 'errored', error: (err as Error).message };
  }
  if (isCutOff(response)) {
    context.onTruncated?.();
    return { example: row, output: response.text, answer: '', correct: false, status: 'truncated' };
  }
  return { example: row, output: response.text, ...(await gradeOutput(response.text, example, context)) };
}

async function gradeOutput(output: string, example: Example, context: ExampleContext): Promise<Omit<ExampleResult, 'example' | 'output'>> {
  try {
    const grade = await context.grader.grade(output, example, context.signal);
    const isBinary = grade.score === Number(grade.correct) && grade.reason === undefined && grade.error === undefined;
    return {
      answer: grade.answer,
      correct: grade.correct,
      ...(isBinary ? {} : { score: grade.score }),
      ...(grade.reason === undefined ? {} : { reason: grade.reason }),
      ...(grade.error === undefined ? {} : { error: grade.error }),
    };
  } catch (err) {
    if (isFatal(err)) {
      throw err;
    }
    // The judge's call failed after its retries: no verdict, like a failed scorer call.
    context.failures.push(err);
    return { answer: '', correct: false, status: 'errored', error: `Grading failed: ${(err as Error).message}` };
  }
}

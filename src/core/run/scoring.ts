import type { Example } from '../dataset/types';
import { OproError } from '../errors';
import type { Grader } from '../grading/grader';
import type { LlmClient } from '../llm/types';
import { buildScorerMessages, type ScorerPromptOptions } from '../prompt/scorerPrompt';
import type { ExampleResult, SplitScore } from '../runRecord';
import { isFatal } from './fatal';
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
}

/**
 * Scores one instruction on the given rows, all calls at once (the client's limiter paces them).
 * The score is the mean of the examples' credit (1 or 0, or a grader's partial credit). A call or a
 * grade that still fails after the client's retries is recorded on its example and counts as 0; a
 * fatal error, a cancellation or a spent budget rejects.
 */
export async function scoreInstruction(instruction: string, rows: readonly number[], context: ScorerContext): Promise<SplitScore> {
  // Settle every call before failing, so calls already paid are counted and none outlives the run.
  const settled = await Promise.allSettled(rows.map((row) => scoreExample(instruction, row, context)));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
  const results = settled.map((s) => (s as PromiseFulfilledResult<ExampleResult>).value);
  const correct = results.filter((r) => r.correct).length;
  const credit = results.reduce((sum, r) => sum + (r.score ?? Number(r.correct)), 0);
  return { score: rows.length === 0 ? 0 : credit / rows.length, correct, total: rows.length, results };
}

async function scoreExample(instruction: string, row: number, context: ScorerContext): Promise<ExampleResult> {
  const example = context.examples[row];
  if (example === undefined) {
    throw new OproError('config', `Row ${row} is not in the dataset.`);
  }
  const request = {
    messages: buildScorerMessages(instruction, example, context.prompt),
    temperature: context.temperature,
    maxTokens: context.maxTokens,
  };
  let output: string;
  try {
    const response = await context.client.complete(request, context.signal);
    context.meter.recordResponse('scorer', context.client.model, response);
    output = response.text;
  } catch (err) {
    if (isFatal(err)) {
      throw err;
    }
    context.meter.recordFailure('scorer', context.client.model);
    return { example: row, output: '', answer: '', correct: false, error: (err as Error).message };
  }
  return { example: row, output, ...(await gradeOutput(output, example, context)) };
}

async function gradeOutput(output: string, example: Example, context: ScorerContext): Promise<Omit<ExampleResult, 'example' | 'output'>> {
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
    return { answer: '', correct: false, score: 0, error: `Grading failed: ${(err as Error).message}` };
  }
}

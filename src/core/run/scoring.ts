import type { Example } from '../dataset/types';
import { OproError } from '../errors';
import type { LlmClient } from '../llm/types';
import { judge } from '../metrics/judge';
import type { MetricOptions } from '../metrics/types';
import { buildScorerMessages, type ScorerPromptOptions } from '../prompt/scorerPrompt';
import type { ExampleResult, SplitScore } from '../runRecord';
import { isFatal } from './fatal';
import type { UsageMeter } from './usage';

export interface ScorerContext {
  client: LlmClient;
  /** Every row of the dataset, by `Example.index`. */
  examples: readonly Example[];
  metric: MetricOptions;
  prompt: ScorerPromptOptions;
  temperature: number;
  maxTokens: number;
  meter: UsageMeter;
  signal?: AbortSignal;
}

/**
 * Scores one instruction on the given rows, all calls at once (the client's limiter paces them).
 * A call that still fails after the client's retries is recorded on its example and counts as
 * wrong; a fatal error, a cancellation or a spent budget rejects.
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
  return { score: rows.length === 0 ? 0 : correct / rows.length, correct, total: rows.length, results };
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
  try {
    const response = await context.client.complete(request, context.signal);
    context.meter.recordResponse('scorer', context.client.model, response);
    const verdict = judge(response.text, example.target, context.metric, { input: example.input });
    return { example: row, output: response.text, answer: verdict.answer, correct: verdict.correct };
  } catch (err) {
    if (isFatal(err)) {
      throw err;
    }
    context.meter.recordFailure('scorer', context.client.model);
    return { example: row, output: '', answer: '', correct: false, error: (err as Error).message };
  }
}

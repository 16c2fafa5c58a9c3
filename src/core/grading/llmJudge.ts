import type { ChatResponse, LlmClient } from '../llm/types';
import type { Grade, Grader } from './grader';
import { buildJudgeMessages, parseJudgeReply } from './judgePrompt';

export interface JudgeGraderOptions {
  client: LlmClient;
  rubric: string;
  /** Told about every judge reply (cached or paid), so the run can count the judge's usage. */
  onResponse?: (response: ChatResponse) => void;
  /** @default 256 */
  maxTokens?: number;
  /** A grade of at least this counts as correct. @default 0.5 */
  passMark?: number;
}

/**
 * LLM-as-judge: a model grades each output against the rubric (and the reference answer) with a
 * score in [0, 1] and a reason. Its calls go through the run's client stack, so they are cached,
 * counted and budgeted like every other call. A reply without a score is recorded on the example.
 */
export function judgeGrader(options: JudgeGraderOptions): Grader {
  const passMark = options.passMark ?? 0.5;
  return {
    grade: async (output, example, signal): Promise<Grade> => {
      const messages = buildJudgeMessages(options.rubric, { input: example.input, expected: example.target, output });
      const response = await options.client.complete({ messages, temperature: 0, maxTokens: options.maxTokens ?? 256 }, signal);
      options.onResponse?.(response);
      const verdict = parseJudgeReply(response.text);
      if (verdict === undefined) {
        return { answer: '', correct: false, score: 0, error: `The judge's reply had no score: ${response.text.slice(0, 200)}` };
      }
      return { answer: verdict.score.toFixed(2), correct: verdict.score >= passMark, score: verdict.score, reason: verdict.reason };
    },
  };
}

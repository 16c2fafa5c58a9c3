import type { Example } from '../dataset/types';
import { checkAnswer } from '../metrics/checkAnswer';
import type { MetricOptions } from '../metrics/types';

/** The verdict on one example's output. */
export interface Grade {
  /** What was read from the output, as shown to the user. */
  answer: string;
  correct: boolean;
  /** In [0, 1]; the candidate's score is the mean over its examples. */
  score: number;
  /** Why, when the grader says (LLM judge, custom scorer). */
  reason?: string;
  /** The grader itself failed on this example (counted as 0, shown to the user). */
  error?: string;
}

/** Turns one output into a grade. Rule metrics are instant; a judge calls a model; custom scorers run user code. */
export interface Grader {
  grade(output: string, example: Example, signal?: AbortSignal): Promise<Grade>;
  /** Frees what the grader holds (a custom scorer's worker). */
  close?(): Promise<void>;
}

/** The rule-based metrics of `metrics/` (number, choice, boolean, exact, contains, regex, json). */
export function ruleGrader(metric: MetricOptions): Grader {
  return {
    grade: (output, example) => {
      const verdict = checkAnswer(output, example.target, metric, { input: example.input });
      return Promise.resolve({ answer: verdict.answer, correct: verdict.correct, score: verdict.score ?? (verdict.correct ? 1 : 0) });
    },
  };
}

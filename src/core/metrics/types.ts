/** How an output is checked against its target. */
export type MetricKind = 'number' | 'choice' | 'boolean' | 'exact' | 'contains' | 'regex' | 'json';

export const METRIC_KINDS: readonly MetricKind[] = ['number', 'choice', 'boolean', 'exact', 'contains', 'regex', 'json'];

export interface MetricOptions {
  kind: MetricKind;
  /** `number`: decimals both sides are rounded to before comparing. @default 2 */
  decimals?: number;
  /**
   * `regex`: a pattern whose first capture group (or whole match) extracts the answer from the output,
   * which is then compared to the target like `exact`. Without it, the target itself is the pattern the
   * output must match.
   */
  pattern?: string;
  /** `json`: compare only these top-level fields of the expected object. @default every field */
  fields?: string[];
}

/** The verdict on one output. */
export interface AnswerCheck {
  /** The answer parsed out of the output, as shown to the user ('' when none was found). */
  answer: string;
  correct: boolean;
  /** Partial credit in [0, 1] (`json`: share of fields right); absent means 1 when correct, else 0. */
  score?: number;
}

/** Extra context some kinds use: `choice` reads option texts like "(B) Paris" from the input. */
export interface AnswerContext {
  input?: string;
}

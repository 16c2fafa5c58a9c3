import { estimateTokens } from '../llm/tokenEstimate';

export { estimateTokens };

/** The fields a candidate gets from its prompt (instruction and demonstrations) and score under a length penalty λ. */
export function objectiveFields(prompt: string, score: number, lengthPenalty: number): { tokens: number; objective?: number } {
  const tokens = estimateTokens(prompt);
  return lengthPenalty > 0 ? { tokens, objective: score - lengthPenalty * tokens } : { tokens };
}

import { estimateTokens } from '../llm/tokenEstimate';

export { estimateTokens };

/** The fields a candidate gets from its instruction and score under a length penalty λ. */
export function objectiveFields(instruction: string, score: number, lengthPenalty: number): { tokens: number; objective?: number } {
  const tokens = estimateTokens(instruction);
  return lengthPenalty > 0 ? { tokens, objective: score - lengthPenalty * tokens } : { tokens };
}

/** Rough token count of an instruction (≈ 4 characters per token for English with BPE tokenizers). */
export function estimateTokens(text: string): number {
  return Math.ceil([...text].length / 4);
}

/** The fields a candidate gets from its instruction and score under a length penalty λ. */
export function objectiveFields(instruction: string, score: number, lengthPenalty: number): { tokens: number; objective?: number } {
  const tokens = estimateTokens(instruction);
  return lengthPenalty > 0 ? { tokens, objective: score - lengthPenalty * tokens } : { tokens };
}

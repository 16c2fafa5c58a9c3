import type { ScoredCandidate } from '../runRecord';

/** Rough token count of an instruction (≈ 4 characters per token for English with BPE tokenizers). */
export function estimateTokens(text: string): number {
  return Math.ceil([...text].length / 4);
}

/** What ranking compares: the length-penalized objective when the run has one, else the score. */
export function valueOf(candidate: Pick<ScoredCandidate, 'score' | 'objective'>): number {
  return candidate.objective ?? candidate.score;
}

/** The fields a candidate gets from its instruction and score under a length penalty λ. */
export function objectiveFields(instruction: string, score: number, lengthPenalty: number): { tokens: number; objective?: number } {
  const tokens = estimateTokens(instruction);
  return lengthPenalty > 0 ? { tokens, objective: score - lengthPenalty * tokens } : { tokens };
}

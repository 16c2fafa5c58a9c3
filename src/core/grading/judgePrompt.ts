import type { ChatMessage } from '../llm/types';
import { extractJson } from '../metrics/json';

export const JUDGE_SYSTEM =
  'You grade answers to a task. Follow the rubric exactly. Reply with JSON only, in this form: {"score": <a number from 0 to 1>, "reason": "<one short sentence>"}';

/** The judge's user message, with `{{input}}`, `{{expected}}` and `{{output}}` filled per example. */
export function judgeUserTemplate(rubric: string): string {
  return `Rubric:\n${rubric}\n\nInput:\n{{input}}\n\nReference answer:\n{{expected}}\n\nAnswer to grade:\n{{output}}`;
}

/** The exact messages the judge gets for one example (shown in the panel's inspector). */
export function buildJudgeMessages(rubric: string, parts: { input: string; expected: string; output: string }): ChatMessage[] {
  const user = judgeUserTemplate(rubric).replace(/\{\{(input|expected|output)\}\}/g, (_, key: 'input' | 'expected' | 'output') => parts[key]);
  return [
    { role: 'system', content: JUDGE_SYSTEM },
    { role: 'user', content: user },
  ];
}

/** Reads `{score, reason}` from a judge reply; a score on a 10- or 100-point scale is rescaled. */
export function parseJudgeReply(reply: string): { score: number; reason: string } | undefined {
  const json = extractJson(reply);
  if (typeof json === 'object' && json !== null && 'score' in json) {
    const raw = Number((json as { score: unknown }).score);
    const reason = String((json as { reason?: unknown }).reason ?? '');
    return Number.isFinite(raw) ? { score: rescale(raw), reason } : undefined;
  }
  const match = /score\W{0,3}(\d+(?:\.\d+)?)(?:\s*\/\s*(\d+))?/i.exec(reply);
  if (match === null) {
    return undefined;
  }
  const value = Number(match[1]);
  const scale = match[2] === undefined ? undefined : Number(match[2]);
  return { score: scale !== undefined && scale > 0 ? clamp(value / scale) : rescale(value), reason: reply.trim().slice(0, 300) };
}

function rescale(value: number): number {
  if (value > 1 && value <= 10) {
    return clamp(value / 10);
  }
  if (value > 10 && value <= 100) {
    return clamp(value / 100);
  }
  return clamp(value);
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

import type { ChatMessage } from '../../src/core/llm/types';
import { createRandom } from '../../src/core/random';

/**
 * A toy task whose "model" (the fake server) gets better as the instruction gains keywords, so an
 * OPRO run has a known optimum: tests and benchmarks can compute every expected score exactly.
 */
export const SYNTHETIC_KEYWORDS = ['step by step', 'double-check', 'show your work', 'final answer'] as const;

/** The quality of an instruction holding every keyword; it answers every example right. */
export const SYNTHETIC_BEST_QUALITY = 4;

/** One dataset row of the synthetic task. */
export interface SyntheticRow {
  question: string;
  answer: string;
}

const QUESTION = /What is (\d+) \+ (\d+)\?/;
const OPTIMIZER_OPENING = 'Your task is to generate';

/** How many of `SYNTHETIC_KEYWORDS` the instruction contains (case-insensitive), 0..4. */
export function instructionQuality(instruction: string): number {
  const lower = instruction.toLowerCase();
  return SYNTHETIC_KEYWORDS.filter((keyword) => lower.includes(keyword)).length;
}

/** `n` distinct addition questions with seeded operands in 1..999. */
export function makeSyntheticRows(n: number, seed: number): SyntheticRow[] {
  const random = createRandom(seed);
  const seen = new Set<string>();
  const rows: SyntheticRow[] = [];
  while (rows.length < n) {
    const a = 1 + Math.floor(random() * 999);
    const b = 1 + Math.floor(random() * 999);
    const question = `What is ${a} + ${b}?`;
    if (!seen.has(question)) {
      seen.add(question);
      rows.push({ question, answer: String(a + b) });
    }
  }
  return rows;
}

/** Which of five difficulty buckets an example falls in; quality q solves buckets 0..q. */
export function exampleBucket(a: number, b: number): number {
  return (a * 31 + b * 17) % 5;
}

/** Whether the fake scorer answers `a + b` correctly under an instruction of quality `quality`. */
export function isSolved(a: number, b: number, quality: number): boolean {
  return exampleBucket(a, b) < quality + 1;
}

/** The accuracy the fake scorer reaches with `instruction` on `rows`, in [0, 1]. */
export function syntheticAccuracy(instruction: string, rows: readonly SyntheticRow[]): number {
  if (rows.length === 0) {
    return 0;
  }
  const quality = instructionQuality(instruction);
  const solved = rows.filter((row) => {
    const match = QUESTION.exec(row.question);
    return match !== null && isSolved(Number(match[1]), Number(match[2]), quality);
  });
  return solved.length / rows.length;
}

/** True when the request is an optimizer (meta-prompt) call rather than a scorer call. */
export function isOptimizerRequest(messages: readonly ChatMessage[]): boolean {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  return lastUser !== undefined && lastUser.content.trimStart().startsWith(OPTIMIZER_OPENING);
}

/**
 * The fake judge (a request whose first message, the system one, starts "You grade answers"): score 1 when the graded
 * answer contains the reference answer, else 0.2, as the JSON the judge prompt asks for.
 */
export function answerJudge(messages: readonly ChatMessage[]): string {
  // The last message: the system one may arrive as a user message too (VS Code's language model API).
  const user = messages[messages.length - 1]?.content ?? '';
  const match = /Reference answer:\n([\s\S]*?)\n\nAnswer to grade:\n([\s\S]*)$/.exec(user);
  const isRight = match !== null && (match[2] ?? '').includes((match[1] ?? '').trim());
  return JSON.stringify(isRight ? { score: 1, reason: 'Matches the reference.' } : { score: 0.2, reason: 'Differs from the reference.' });
}

/** The fake scorer's reply: finds the question anywhere in the messages, the rest is the instruction. */
export function answerScorer(messages: readonly ChatMessage[]): string {
  // By its opening, whatever the role: VS Code's language model API sends a system message as a user one.
  if (messages[0]?.content.startsWith('You grade answers') === true) {
    return answerJudge(messages);
  }
  const text = messages.map((message) => message.content).join('\n');
  const match = QUESTION.exec(text);
  if (match === null) {
    return 'I do not know.';
  }
  const a = Number(match[1]);
  const b = Number(match[2]);
  const instruction = text.replace(match[0], '');
  const sum = a + b;
  return isSolved(a, b, instructionQuality(instruction)) ? `Adding gives ${sum}. The answer is ${sum}.` : `The answer is ${sum + 1}.`;
}

/** The instructions and shown scores of a meta-prompt's history, in prompt order. */
export function parseHistory(metaPrompt: string): { text: string; score: string }[] {
  const blocks = metaPrompt.matchAll(/text:\n([\s\S]*?)\nscore:\n([^\n]*)\n/g);
  return [...blocks].map((block) => ({ text: block[1] ?? '', score: block[2] ?? '' }));
}

const NEUTRAL_PHRASES = ['Be concise.', 'Be precise.', 'Stay focused.', 'Read carefully.'];

/**
 * The fake optimizer's reply, built from the last (best) instruction of the history. Like a real
 * optimizer it does not always improve: by `seed`, half the draws add a keyword the best lacks
 * (better), a quarter drop one (worse), a quarter reword it (as good). Wrapped in `<Start>` tags
 * when the meta-prompt uses them.
 */
export function answerOptimizer(metaPrompt: string, seed: number): string {
  const history = parseHistory(metaPrompt);
  const best = (history[history.length - 1]?.text ?? '').trim();
  const draw = Math.abs(Math.trunc(seed));
  const instruction = proposeFrom(best, draw % 4, Math.floor(draw / 4));
  const [open, close] = metaPrompt.includes('<Start>') ? ['<Start>', '</Start>'] : ['<INS>', '</INS>'];
  return `${open}${instruction}${close}`;
}

function proposeFrom(best: string, move: number, pick: number): string {
  const lower = best.toLowerCase();
  const missing = SYNTHETIC_KEYWORDS.filter((keyword) => !lower.includes(keyword));
  const present = SYNTHETIC_KEYWORDS.filter((keyword) => lower.includes(keyword));
  if (move <= 1 && missing.length > 0) {
    return `${best} Remember: ${missing[pick % missing.length]}.`;
  }
  if (move === 2 && present.length > 0) {
    const keyword = present[pick % present.length] as string;
    const dropped = best.replace(`Remember: ${keyword}.`, '').replace(new RegExp(keyword, 'i'), 'it');
    return dropped.replace(/\s+/g, ' ').trim();
  }
  return `${best} ${NEUTRAL_PHRASES[pick % NEUTRAL_PHRASES.length]}`.trim();
}

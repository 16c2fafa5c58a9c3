import type { ChatMessage } from '../../src/core/llm/types';
import { createRandom } from '../../src/core/random';
import { DRAFT_OPENING } from '../../src/extension/dataset/datasetScaffold';

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

/**
 * How much each correct worked example in the prompt (a question of the task followed by its right
 * answer) raises the chance of a right answer; a wrong worked example lowers it as much. The
 * demonstrations' known effect: K correct ones add K × 0.05 to the accuracy an instruction reaches.
 */
export const SYNTHETIC_DEMO_BOOST = 0.05;

/** Where an example sits inside its bucket, in [0, 1): which examples a demonstration's boost tips over. */
function placeInBucket(a: number, b: number): number {
  return ((a * 7919 + b * 104729) % 1000) / 1000;
}

/**
 * Whether the fake scorer answers `a + b` correctly under an instruction of quality `quality` with
 * `demoCredit` = correct minus wrong worked examples in the prompt. Each example has a fixed
 * difficulty u in [0, 1) (its bucket, then its place in it, over 5); it is solved when
 * u < (quality + 1) / 5 + SYNTHETIC_DEMO_BOOST × demoCredit, so without demonstrations exactly
 * buckets 0..quality are solved.
 */
export function isSolved(a: number, b: number, quality: number, demoCredit = 0): boolean {
  const difficulty = (exampleBucket(a, b) + placeInBucket(a, b)) / 5;
  return difficulty < (quality + 1) / 5 + SYNTHETIC_DEMO_BOOST * demoCredit - 1e-12;
}

/** The accuracy the fake scorer reaches with `instruction` (and `demoCredit`, see isSolved) on `rows`, in [0, 1]. */
export function syntheticAccuracy(instruction: string, rows: readonly SyntheticRow[], demoCredit = 0): number {
  if (rows.length === 0) {
    return 0;
  }
  const quality = instructionQuality(instruction);
  const solved = rows.filter((row) => {
    const match = QUESTION.exec(row.question);
    return match !== null && isSolved(Number(match[1]), Number(match[2]), quality, demoCredit);
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

/**
 * The fake drafter ("Create dataset…"): as many JSON lines as asked for, each with every key asked
 * for, holding distinct synthetic questions (wrapped in a code fence, as models often do).
 */
export function answerDrafter(messages: readonly ChatMessage[]): string {
  const user = messages[messages.length - 1]?.content ?? '';
  const count = Number(/Write (\d+) varied/.exec(user)?.[1] ?? '3');
  const keys = [.../the keys (.*?), each a string/.exec(user)?.[1]?.matchAll(/"([^"]+)"/g) ?? []].map((m) => m[1] as string);
  const lines = makeSyntheticRows(count, 7).map((row) => JSON.stringify(Object.fromEntries(keys.map((key) => [key, row.question]))));
  return ['```jsonl', ...lines, '```'].join('\n');
}

/** A question of the task found in a prompt; `shownAnswer` when a number follows it (a worked example). */
interface FoundQuestion {
  text: string;
  a: number;
  b: number;
  shownAnswer?: number;
}

const QUESTIONS = new RegExp(QUESTION.source, 'g');
/** After a worked example's question: blank space, an optional short label such as `A:` or `Answer:`, the number. */
const SHOWN_ANSWER = /^\s*(?:[A-Za-z][A-Za-z ]{0,19}:)?[ \t]*(-?\d+)/;

function findQuestions(text: string): FoundQuestion[] {
  return [...text.matchAll(QUESTIONS)].map((match) => {
    const shown = SHOWN_ANSWER.exec(text.slice((match.index ?? 0) + match[0].length));
    return { text: match[0], a: Number(match[1]), b: Number(match[2]), ...(shown === null ? {} : { shownAnswer: Number(shown[1]) }) };
  });
}

/**
 * The fake scorer's reply: the question asked is the last one in the messages without an answer
 * after it; the others with an answer are worked examples (demonstrations), each correct one a
 * +1, each wrong one a −1 of `demoCredit`. A prompt that shows the asked question worked out
 * correctly gets it right (the leak a demonstration row scored on itself would be). The rest of the
 * text is the instruction.
 */
export function answerScorer(messages: readonly ChatMessage[]): string {
  // By its opening, whatever the role: VS Code's language model API sends a system message as a user one.
  if (messages[0]?.content.startsWith('You grade answers') === true) {
    return answerJudge(messages);
  }
  if (messages[0]?.content.startsWith(DRAFT_OPENING) === true) {
    return answerDrafter(messages);
  }
  const text = messages.map((message) => message.content).join('\n');
  const found = findQuestions(text);
  const asked = found.filter((q) => q.shownAnswer === undefined).pop();
  if (asked === undefined) {
    return 'I do not know.';
  }
  const worked = found.filter((q) => q.shownAnswer !== undefined);
  const demoCredit = worked.reduce((sum, q) => sum + (q.shownAnswer === q.a + q.b ? 1 : -1), 0);
  const isLeaked = worked.some((q) => q.a === asked.a && q.b === asked.b && q.shownAnswer === q.a + q.b);
  const instruction = text.replace(asked.text, '');
  const sum = asked.a + asked.b;
  const isRight = isLeaked || isSolved(asked.a, asked.b, instructionQuality(instruction), demoCredit);
  return isRight ? `Adding gives ${sum}. The answer is ${sum}.` : `The answer is ${sum + 1}.`;
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
export function answerOptimizer(metaPrompt: string, seed: number, isDistinct = false): string {
  const history = parseHistory(metaPrompt);
  const best = (history[history.length - 1]?.text ?? '').trim();
  const draw = Math.abs(Math.trunc(seed));
  const instruction = isDistinct ? distinctFrom(best, draw) : proposeFrom(best, draw % 4, Math.floor(draw / 4));
  const [open, close] = metaPrompt.includes('<Start>') ? ['<Start>', '</Start>'] : ['<INS>', '</INS>'];
  return `${open}${instruction}${close}`;
}

/** The best instruction with every keyword, tagged by the draw: new on every draw, never longer. */
function distinctFrom(best: string, draw: number): string {
  const base = best.replace(/ \(variant \d+\)$/, '');
  const missing = SYNTHETIC_KEYWORDS.filter((keyword) => !base.toLowerCase().includes(keyword));
  const full = missing.length === 0 ? base : `${base} Remember: ${missing.join(', ')}.`;
  return `${full} (variant ${draw})`;
}

const REASONING = 'Let me read the question carefully and work through it one part at a time, checking each part before going on. ';

/** A scorer answer padded in front with digit-free reasoning to about `chars` characters; the final answer stays last. */
export function padAnswer(answer: string, chars: number): string {
  const missing = chars - answer.length;
  return missing <= 0 ? answer : `${REASONING.repeat(Math.ceil(missing / REASONING.length)).slice(0, missing)}${answer}`;
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

import type { Random } from '../../src/core/random';

// Pieces of instructions in the style the OPRO paper reports for GSM8K, combined into distinct texts.
const OPENERS = [
  "Let's think step by step.",
  'Take a deep breath and work on this problem step-by-step.',
  'Read the problem carefully.',
  "Let's solve the problem.",
  'Break the problem into smaller parts.',
  'First, identify the quantities involved.',
  'Work through the arithmetic one operation at a time.',
  'Approach this like a careful math teacher.',
  'Restate what is being asked before solving.',
  'Write down what you know.',
  'Translate the words into an equation.',
  'Think about the units in the question.',
];
const MIDDLES = [
  'Show your work',
  'Double-check each calculation',
  'Keep track of every intermediate result',
  'Check that the answer is reasonable',
  'Avoid skipping steps',
  'Use exact numbers',
  'Verify the result by working backwards',
  'Note any remainders',
  'Consider each sentence in turn',
  'Pay attention to words like "each" and "total"',
  'Compute totals before differences',
  'Round only at the end',
];
const CLOSERS = [
  'and give the final answer as a number.',
  'then state the final answer.',
  'and end with "The answer is N".',
  'before writing the final answer.',
  'and answer with a single number.',
  'and explain briefly.',
  'and be concise.',
  'and finish with the numeric result only.',
];
const EXTRAS = ['', ' Stay calm.', ' Accuracy matters more than speed.', ' You can do this.', ' Be precise.', ' Think like an expert.'];

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A new instruction not in `taken` (there are 12·12·8·6 = 6,912 combinations). */
export function makeInstruction(random: Random, taken: Set<string>): string {
  for (;;) {
    const text = `${pick(OPENERS, random)} ${pick(MIDDLES, random)} ${pick(CLOSERS, random)}${pick(EXTRAS, random)}`;
    if (!taken.has(text)) {
      taken.add(text);
      return text;
    }
  }
}

/** A grade-school word problem and its numeric answer. */
export function makeProblem(random: Random): { input: string; target: string } {
  const a = 2 + Math.floor(random() * 40);
  const b = 2 + Math.floor(random() * 12);
  const c = Math.floor(random() * a * b * 0.5);
  const who = pick(['A baker', 'Natalia', 'The school', 'A farmer', 'Weng'], random);
  const what = pick(['trays of muffins', 'boxes of clips', 'crates of apples', 'packs of pencils'], random);
  return {
    input: `${who} has ${a} ${what} with ${b} in each. ${c} are given away. How many are left?`,
    target: String(a * b - c),
  };
}

/** The scorer's raw reply for a problem, reaching `answer`. */
export function makeOutput(input: string, answer: string): string {
  const numbers = input.match(/\d+/g) ?? [];
  return `There are ${numbers[0] ?? '?'} groups of ${numbers[1] ?? '?'}, so ${Number(numbers[0]) * Number(numbers[1])} in total. After giving away ${numbers[2] ?? '?'}, the answer is ${answer}.`;
}

export function makeMetaPrompt(history: { instruction: string; score: number }[], exemplars: { input: string; target: string }[]): string {
  const shown = [...history].sort((a, b) => a.score - b.score).slice(-20);
  const lines = ['Your task is to generate the instruction <INS>. Below are some previous instructions with their scores. The score ranges from 0 to 100.\n'];
  for (const h of shown) {
    lines.push(`\ntext:\n${h.instruction}\nscore:\n${Math.round(h.score * 100)}\n`);
  }
  lines.push('\n\nBelow are some problems.\n');
  for (const e of exemplars) {
    lines.push(`\nProblem:\n<INS>\n${e.input}\n\nGround truth answer:\n${e.target}\n`);
  }
  lines.push(
    '\n\nGenerate an instruction that is different from all the instructions <INS> above, and has a higher score than all the instructions <INS> above. The instruction should begin with <INS> and end with </INS>. The instruction should be concise, effective, and generally applicable to all problems above.',
  );
  return lines.join('');
}

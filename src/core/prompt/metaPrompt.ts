import { failuresBlock, type MetaPromptFailure } from './failureFeedback';
import type { Position } from './position';
import { placeholdersOf } from './template';
import { pythonFloatRepr, roundHalfEven, roundTo3 } from './pythonNumbers';

export interface MetaPromptHistoryItem {
  instruction: string;
  /** Accuracy in [0, 1]. */
  score: number;
}

export interface MetaPromptExemplar {
  input: string;
  target: string;
}

export interface MetaPromptOptions {
  /** In the order the instructions were scored; ties in score keep this order. */
  history: MetaPromptHistoryItem[];
  exemplars: MetaPromptExemplar[];
  position: Position;
  includeQA: boolean;
  /** Instructions scoring below this are left out (after keeping the best `maxInstructions`). @default 0 */
  scoreThreshold?: number;
  /** @default 20 */
  maxInstructions?: number;
  /** 100 shows integer percents; null shows `round(score, 3)`. @default 100 */
  scoreBuckets?: number | null;
  /**
   * `--method feedback`: training examples the best instruction gets wrong, shown before the closing
   * request (see failureFeedback.ts). None (the default): the meta-prompt is OPRO's, byte for byte.
   */
  failures?: readonly MetaPromptFailure[];
}

const OPENING_INS =
  'Your task is to generate the instruction <INS>. Below are some previous instructions with their scores. The score ranges from 0 to 100.\n';
const OPENING_START =
  'Your task is to generate the answer starting sentence <Start>. Below are some previous starting sentences with their scores. The score ranges from 0 to 100.\n';
const CLOSING_INS =
  '\n\nGenerate an instruction that is different from all the instructions <INS> above, and has a higher score than all the instructions <INS> above. The instruction should begin with <INS> and end with </INS>. The instruction should be concise, effective, and generally applicable to all problems above.';
const CLOSING_START =
  '\n\nGenerate a starting sentence that is different from all the <Start> sentences above, and has a higher score than all the <Start> sentences above. The starting sentence should begin with <Start> and end with </Start>. The starting sentence should be concise, effective, and generally applicable to all QA pairs above.';

/**
 * The optimizer's meta-prompt in OPRO's chat wording (see OPRO.md): for the four OPRO positions the
 * text equals the official implementation's byte for byte. `system` is worded like `Q_begin`;
 * `template` shows the rows' inputs and asks to keep the placeholders.
 */
export function buildMetaPrompt(options: MetaPromptOptions): string {
  const isStart = options.position === 'A_begin';
  let text = (isStart ? OPENING_START : OPENING_INS) + historyBlock(options);
  if (options.exemplars.length > 0) {
    text += '\n\nBelow are some problems.\n';
    for (const exemplar of options.exemplars) {
      text += exemplarText(exemplar, options) + `\nGround truth answer:\n${exemplar.target}\n`;
    }
  }
  text += failuresBlock(options.failures ?? [], isStart);
  text += isStart ? CLOSING_START : CLOSING_INS;
  return text + placeholderReminder(options);
}

function historyBlock(options: MetaPromptOptions): string {
  const threshold = options.scoreThreshold ?? 0;
  const buckets = options.scoreBuckets === undefined ? 100 : options.scoreBuckets;
  const kept = sortedAscending(options.history)
    .slice(-(options.maxInstructions ?? 20))
    .filter((item) => item.score >= threshold);
  return kept.map((item) => `\ntext:\n${item.instruction}\nscore:\n${shownScore(item.score, buckets)}\n`).join('');
}

/** Stable ascending sort by score (Array.prototype.sort is stable). */
function sortedAscending(history: MetaPromptHistoryItem[]): MetaPromptHistoryItem[] {
  return history.slice().sort((a, b) => a.score - b.score);
}

function shownScore(score: number, buckets: number | null): string {
  return buckets === null ? pythonFloatRepr(roundTo3(score)) : String(roundHalfEven(score * buckets));
}

function exemplarText(exemplar: MetaPromptExemplar, options: MetaPromptOptions): string {
  const q = exemplar.input;
  switch (options.position) {
    case 'template':
      return `\nProblem:\n${q}\n`;
    case 'A_begin':
      return `\nQ: ${q}\nA: <Start>`;
    case 'before_Q':
      return options.includeQA ? `\ninput:\n<INS>\nQ: ${q}\nA:` : `\nProblem:\n<INS>\n${q}\n`;
    case 'Q_end':
      return options.includeQA ? `\ninput:\nQ: ${q}\n<INS>\nA:` : `\nProblem:\n${q}\n<INS>\n`;
    case 'Q_begin':
    case 'system':
      return options.includeQA ? `\ninput:\nQ: <INS>\n${q}\nA:` : `\nProblem:\n<INS>\n${q}\n`;
  }
}

/** Template mode only: the optimized text is the whole template, so its placeholders must survive. */
function placeholderReminder(options: MetaPromptOptions): string {
  if (options.position !== 'template') {
    return '';
  }
  const names = new Set<string>();
  for (const item of options.history) {
    placeholdersOf(item.instruction).forEach((name) => names.add(name));
  }
  if (names.size === 0) {
    return '';
  }
  const list = [...names].map((name) => `{{${name}}}`).join(', ');
  return ` The instruction is a template: it must contain each of the placeholders ${list} exactly as written, and no other placeholders.`;
}

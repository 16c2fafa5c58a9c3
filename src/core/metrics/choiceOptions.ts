/**
 * Reading the answer options out of a multiple-choice question, so an output that names an
 * option's text can be mapped to its letter.
 */
import { tidyText } from './text';

/** Option texts by upper-case letter, in the order they appear. */
export type ChoiceOptions = ReadonlyMap<string, string>;

const BRACKETED_OPTION = /\(([A-Za-z])\)[ \t]*/gu;
const LINE_OPTION = /^[ \t]*([A-Z])[.)][ \t]+(\S[^\n]*)$/gmu;

function cleanOptionText(raw: string): string {
  const firstLine = raw.split('\n')[0] ?? '';
  return tidyText(firstLine).replace(/[\s,;]+$/u, '');
}

function addOption(options: Map<string, string>, letter: string, raw: string): void {
  const text = cleanOptionText(raw);
  const key = letter.toUpperCase();
  if (text !== '' && !options.has(key)) {
    options.set(key, text);
  }
}

/** Inline options: `(A) Paris (B) London`, each text running to the next option or line end. */
function bracketedOptions(input: string): Map<string, string> {
  const options = new Map<string, string>();
  const markers = [...input.matchAll(BRACKETED_OPTION)];
  markers.forEach((marker, i) => {
    const start = marker.index + marker[0].length;
    addOption(options, marker[1] ?? '', input.slice(start, markers[i + 1]?.index ?? input.length));
  });
  return options;
}

/** One option per line: `A. Paris` or `A) Paris`. */
function lineOptions(input: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const match of input.matchAll(LINE_OPTION)) {
    addOption(options, match[1] ?? '', match[2] ?? '');
  }
  return options;
}

/**
 * The options a question offers, from `(A) Paris (B) London` or lines like `A. Paris`.
 * Empty when the input is missing or lists fewer than two options.
 */
export function parseChoiceOptions(input: string | undefined): ChoiceOptions {
  if (input === undefined) {
    return new Map();
  }
  const text = input.normalize('NFKC');
  const bracketed = bracketedOptions(text);
  if (bracketed.size >= 2) {
    return bracketed;
  }
  const lines = lineOptions(text);
  return lines.size >= 2 ? lines : new Map();
}

import type { AnswerCheck } from './types';

/** The first JSON object or array in a reply: a whole-reply parse, a ```json fence, or the outermost braces. */
export function extractJson(output: string): unknown {
  const candidates = [output, /```(?:json)?\s*([\s\S]*?)```/i.exec(output)?.[1] ?? '', outermost(output, '{', '}'), outermost(output, '[', ']')];
  for (const text of candidates) {
    try {
      return JSON.parse(text.trim());
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function outermost(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start === -1 || end <= start ? '' : text.slice(start, end + 1);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Scalars: strings compared after trimming and case folding; a number equals its text ("36" = 36). */
function scalarEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  }
  if (typeof a === 'number' || typeof b === 'number') {
    return a === b || (typeof a !== 'object' && typeof b !== 'object' && String(a).trim() !== '' && Number(a) === Number(b));
  }
  return a === b;
}

/** Deep equality of parsed JSON, with scalars compared leniently (see scalarEqual). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) {
    return scalarEqual(a, b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * `json`: the output must parse as JSON; then the expected JSON is compared field by field (only
 * `fields` when given). Score = share of fields equal; correct when all are.
 */
export function checkJson(output: string, target: string, fields?: readonly string[]): AnswerCheck & { score: number } {
  const actual = extractJson(output);
  if (actual === undefined) {
    return { answer: '', correct: false, score: 0 };
  }
  const answer = JSON.stringify(actual);
  const expected = parseOr(target);
  if (!isObject(expected) || Array.isArray(expected) || !isObject(actual)) {
    const correct = jsonEqual(actual, expected);
    return { answer, correct, score: correct ? 1 : 0 };
  }
  const keys = fields !== undefined && fields.length > 0 ? fields : Object.keys(expected);
  const equal = keys.filter((k) => jsonEqual((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k])).length;
  const score = keys.length === 0 ? 1 : equal / keys.length;
  return { answer, correct: equal === keys.length, score };
}

import { decodeLiteral, encodeLiteral, snapToFields } from './codec';
import { paragraphAt } from './paragraph';
import { literalAround, literalLanguageOf, scanLiterals } from './scanLiterals';
import type { LiteralSyntax, Span, StringLiteral } from './types';

/**
 * The prompt a command works on and how to write a replacement back. `span` is the source range an
 * insertion replaces: a whole literal token, or raw text (Markdown, plain text, code selections).
 */
export interface PromptTarget {
  span: Span;
  /** The text to optimize: a literal's decoded value, or the raw text. */
  value: string;
  /** Present when the prompt lives in a string literal. */
  literal?: {
    syntax: LiteralSyntax;
    /** Decoded literal text before and after the prompt, when only part of the literal was selected. */
    before: string;
    after: string;
    /** Interpolations to keep as code when re-encoding. */
    fields: string[];
  };
}

export interface PromptTargetInput {
  text: string;
  languageId: string;
  /** The selection as offsets; equal for a bare cursor. */
  selection: Span;
  /** Scanned literals of `text`, when the caller caches them. */
  literals?: readonly StringLiteral[];
}

const PARAGRAPH_LANGUAGES = new Set(['markdown', 'plaintext', 'restructuredtext', 'latex']);

/** Finds the prompt at the selection: the literal around it, the selected text, or the paragraph. */
export function resolvePromptTarget(input: PromptTargetInput): PromptTarget | undefined {
  const { text, languageId, selection } = input;
  const language = literalLanguageOf(languageId);
  const literals = input.literals ?? (language === undefined ? [] : scanLiterals(language, text));
  const literal = literalAround(literals, selection.start, selection.end);
  if (literal !== undefined) {
    return literalTarget(text, literal, selection);
  }
  if (selection.end > selection.start) {
    return { span: selection, value: text.slice(selection.start, selection.end) };
  }
  const paragraph = PARAGRAPH_LANGUAGES.has(languageId) ? paragraphAt(text, selection.start) : undefined;
  return paragraph && { span: paragraph, value: text.slice(paragraph.start, paragraph.end) };
}

function literalTarget(text: string, literal: StringLiteral, selection: Span): PromptTarget {
  const { content } = literal;
  const isWhole = selection.start === selection.end || (selection.start <= content.start && selection.end >= content.end);
  const picked = isWhole
    ? content
    : snapToFields(literal, { start: Math.max(selection.start, content.start), end: Math.min(selection.end, content.end) });
  const prompt = decodeLiteral(text, literal, picked);
  const before = decodeLiteral(text, literal, { start: content.start, end: picked.start });
  const after = decodeLiteral(text, literal, { start: picked.end, end: content.end });
  return {
    span: { start: literal.start, end: literal.end },
    value: prompt.value,
    literal: { syntax: literal.syntax, before: before.value, after: after.value, fields: [...before.fields, ...prompt.fields, ...after.fields] },
  };
}

/** The source text that replaces `target.span` so the prompt becomes `instruction`. */
export function renderReplacement(target: Pick<PromptTarget, 'literal'>, instruction: string): string {
  const { literal } = target;
  if (literal === undefined) {
    return instruction;
  }
  return encodeLiteral(literal.syntax, literal.before + instruction + literal.after, literal.fields);
}

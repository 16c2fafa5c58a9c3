import { fillTemplate } from '../../core/prompt/template';
import { promptFileTarget } from '../promptFiles/promptFileTarget';
import { promptFileKind, type PromptFileKind } from '../promptFiles/promptFileKind';
import { decodeLiteral, encodeLiteral, snapToFields } from './codec';
import { contextHint } from './contextHint';
import { ContextReader } from './literalContext';
import { paragraphAt } from './paragraph';
import { literalAround, literalLanguageOf, scanLiterals } from './scanLiterals';
import { templatedValue } from './templateFields';
import type { PromptHint, PromptTarget, Span, StringLiteral } from './types';

export type { HintReason, PromptHint, PromptTarget } from './types';

export interface PromptTargetInput {
  text: string;
  languageId: string;
  /** The document's path or name: prompt files are told by their name. */
  fileName?: string;
  /** The selection as offsets; equal for a bare cursor. */
  selection: Span;
  /** Scanned literals of `text`, when the caller caches them. */
  literals?: readonly StringLiteral[];
}

const PARAGRAPH_LANGUAGES = new Set(['markdown', 'plaintext', 'restructuredtext', 'latex']);

/**
 * Finds the prompt at the selection: a prompt file's body (unless part of it is selected), the
 * literal around it, the selected text, or the paragraph.
 */
export function resolvePromptTarget(input: PromptTargetInput): PromptTarget | undefined {
  const { text, languageId, selection } = input;
  const kind = promptFileKind(input.fileName ?? '', languageId);
  if (kind !== undefined) {
    return promptFilePart(text, kind, selection);
  }
  const language = literalLanguageOf(languageId);
  const literals = input.literals ?? (language === undefined ? [] : scanLiterals(language, text));
  const literal = literalAround(literals, selection.start, selection.end);
  if (literal !== undefined) {
    return literalTarget(text, literal, { selection, literals });
  }
  if (selection.end > selection.start) {
    return { span: selection, value: text.slice(selection.start, selection.end) };
  }
  const paragraph = PARAGRAPH_LANGUAGES.has(languageId) ? paragraphAt(text, selection.start) : undefined;
  return paragraph && { span: paragraph, value: text.slice(paragraph.start, paragraph.end) };
}

/** A prompt file's prompt (its body, or Prompty's system section), or the part of it that is selected. */
function promptFilePart(text: string, kind: PromptFileKind, selection: Span): PromptTarget | undefined {
  const body = promptFileTarget(text, kind);
  const isPart = body !== undefined && selection.end > selection.start && (selection.start > body.span.start || selection.end < body.span.end);
  return isPart ? { span: selection, value: text.slice(selection.start, selection.end) } : body;
}

function literalTarget(text: string, literal: StringLiteral, around: { selection: Span; literals: readonly StringLiteral[] }): PromptTarget {
  const { content } = literal;
  const { selection } = around;
  const isWhole = selection.start === selection.end || (selection.start <= content.start && selection.end >= content.end);
  const picked = isWhole
    ? content
    : snapToFields(literal, { start: Math.max(selection.start, content.start), end: Math.min(selection.end, content.end) });
  const prompt = decodeLiteral(text, literal, picked);
  const before = decodeLiteral(text, literal, { start: content.start, end: picked.start });
  const after = decodeLiteral(text, literal, { start: picked.end, end: content.end });
  const templated = prompt.fields.length > 0 ? templatedValue(text, literal, picked) : undefined;
  const hint: PromptHint = { ...contextHint(new ContextReader(text, around.literals).read(literal)), ...(templated && 'unmapped' in templated ? { unmapped: templated.unmapped } : {}) };
  return {
    span: { start: literal.start, end: literal.end },
    value: templated && 'value' in templated ? templated.value : prompt.value,
    literal: { syntax: literal.syntax, before: before.value, after: after.value, fields: [...before.fields, ...prompt.fields, ...after.fields] },
    ...(templated && 'placeholders' in templated ? { placeholders: templated.placeholders } : {}),
    ...(Object.keys(hint).length > 0 ? { hint } : {}),
  };
}

/** The source text that replaces `target.span` so the prompt becomes `instruction` (placeholders back to their code). */
export function renderReplacement(target: Pick<PromptTarget, 'literal' | 'placeholders'>, instruction: string): string {
  const { literal } = target;
  const text = target.placeholders === undefined ? instruction : fillTemplate(instruction, target.placeholders);
  if (literal === undefined) {
    return text;
  }
  return encodeLiteral(literal.syntax, literal.before + text + literal.after, literal.fields);
}

import type { PromptTarget } from '../literals/promptTarget';
import type { LiteralSyntax } from '../literals/types';

/**
 * Where a run's prompt came from, kept in `RunRecord.meta.source` (the panel reads `file` and
 * `line`). With `token` and `offset` the prompt is found again even after other edits, and with
 * `literal` a new instruction is re-escaped for the literal it goes into.
 */
export interface PromptSource {
  /** Workspace-relative path, for display. */
  file: string;
  /** 1-based line of the prompt's start. */
  line: number;
  uri: string;
  languageId: string;
  /** Offset of the replaced range when the run started. */
  offset: number;
  /** The source text of that range (a whole literal, or raw text). */
  token: string;
  literal?: PromptTarget['literal'];
  /** `{{column}}` placeholders that stand for code, written back as that code on insert. */
  placeholders?: Record<string, string>;
}

/** `RunRecord.meta` of a run started from the editor. */
export function promptMeta(source: PromptSource, prompt: string): Record<string, unknown> {
  return { source, originalText: prompt };
}

/** Reads `meta.source` back from a run file, checking every field (files can be edited by hand). */
export function readPromptSource(meta: Record<string, unknown> | undefined): PromptSource | undefined {
  const raw = meta?.source as Partial<PromptSource> | undefined;
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { file, line, uri, languageId, offset, token, literal, placeholders } = raw;
  if (typeof file !== 'string' || typeof line !== 'number' || typeof uri !== 'string' || typeof languageId !== 'string') {
    return undefined;
  }
  if (typeof offset !== 'number' || typeof token !== 'string') {
    return undefined;
  }
  return { file, line, uri, languageId, offset, token, ...(isLiteral(literal) ? { literal } : {}), ...(isStringRecord(placeholders) ? { placeholders } : {}) };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isLiteral(value: unknown): value is NonNullable<PromptTarget['literal']> {
  const v = value as Partial<NonNullable<PromptTarget['literal']>> | undefined;
  return (
    typeof v === 'object' && v !== null && isSyntax(v.syntax) && typeof v.before === 'string' && typeof v.after === 'string' &&
    Array.isArray(v.fields) && v.fields.every((f) => typeof f === 'string')
  );
}

function isSyntax(value: unknown): value is LiteralSyntax {
  const v = value as Partial<LiteralSyntax> | undefined;
  return typeof v === 'object' && v !== null && ['js', 'python', 'go', 'json'].includes(v.language ?? '') && typeof v.prefix === 'string' && typeof v.quote === 'string';
}

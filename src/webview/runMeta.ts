import type { RunRecord } from '../core/runRecord';

/** Where the optimized prompt sits in the user's code (the extension stores it in `record.meta`). */
export interface PromptSource {
  file: string;
  /** 1-based. */
  line: number;
}

/** `record.meta` is free-form, so each field is checked before use. */
export function readSource(record: RunRecord): PromptSource | undefined {
  const source = record.meta?.source;
  if (typeof source !== 'object' || source === null) {
    return undefined;
  }
  const { file, line } = source as Record<string, unknown>;
  return typeof file === 'string' && typeof line === 'number' ? { file, line } : undefined;
}

/** The prompt as it was in the code before the run: diffs and the baseline are against it. */
export function readOriginalText(record: RunRecord): string {
  const original = record.meta?.originalText;
  return typeof original === 'string' ? original : (record.config.seedInstructions[0] ?? '');
}

import type { RunView } from '../core/runView';

/** The prompt as it was in the code before the run (`record.meta.originalText`, else the first seed). */
export function readOriginalText(record: RunView): string {
  const original = record.meta?.originalText;
  return typeof original === 'string' ? original : (record.config.seedInstructions[0] ?? '');
}

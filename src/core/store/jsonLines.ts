import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { OproError } from '../errors';

/** Lines parsed between two yields to the event loop, so a long file never blocks it for long. */
const LINES_PER_SLICE = 200;

/** Where a text read from the middle of a file starts, so errors still name the file's own line. */
export interface TextPlace {
  file: string;
  /** Lines of the file before the text. */
  linesBefore: number;
}

/**
 * Parses a JSON Lines text line by line, yielding to the event loop between slices. A last line
 * without its newline is a write a crash cut short: it is skipped. Any other line that is not JSON
 * is an error naming `file:line`. `check` validates each value; it returns the problem or undefined.
 */
export async function parseJsonLines<T>(text: string, source: string | TextPlace, check: (value: unknown) => { ok: true; value: T } | { ok: false; problem: string }): Promise<T[]> {
  const { file, linesBefore } = typeof source === 'string' ? { file: source, linesBefore: 0 } : source;
  const lines = text.split('\n');
  const isTorn = !text.endsWith('\n');
  const out: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && i % LINES_PER_SLICE === 0) {
      await yieldToLoop();
    }
    const line = lines[i] as string;
    if (line.trim() === '') {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      if (isTorn && i === lines.length - 1) {
        break;
      }
      throw badLine(file, linesBefore + i + 1, `not valid JSON (${(err as Error).message})`);
    }
    const checked = check(value);
    if (!checked.ok) {
      throw badLine(file, linesBefore + i + 1, checked.problem);
    }
    out.push(checked.value);
  }
  return out;
}

function badLine(file: string, line: number, problem: string): OproError {
  return new OproError('config', `${file}:${line}: this line of the run is not usable: ${problem}.`, {
    hint: 'The run files were changed by hand or by another program; restore them from a copy, or start a new run.',
  });
}

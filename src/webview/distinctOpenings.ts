/**
 * Where each instruction stops repeating the others. OPRO's candidates often grow from the same seed,
 * so many begin with the same sentences and, cut to three lines in the table, look alike. A row whose
 * opening is shared with another row shows its first words, an ellipsis, then the part from here on.
 */

/** Shared openings shorter than this stay in full: the differing part is still in the first lines. */
export const MIN_SHARED_CHARS = 80;

/** Instructions up to this long stay in full: they fit in the table's three lines in a panel beside the code. */
export const FITS_CHARS = 140;

/** How many of the shared opening's words the row still shows before the ellipsis. */
export const LEAD_WORDS = 3;

export interface DistinctOpening {
  /** The first words of the shared opening ('' when nothing is shared). */
  lead: string;
  /** The text from the first word that differs from every other instruction shown. */
  rest: string;
}

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  return i;
}

/** Back to the start of the word the prefix ends in, so the rest begins with a whole word. */
function wordStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && !/\s/.test(text[i - 1]!)) {
    i--;
  }
  return i;
}

function leadOf(text: string): string {
  return text.split(/\s+/).filter((word) => word !== '').slice(0, LEAD_WORDS).join(' ');
}

/**
 * For each text, the longest opening it shares with any other text of the list (its neighbours once
 * sorted: O(n log n) for the table's rows), split into a short lead and the distinct rest. Texts
 * sharing less than `MIN_SHARED_CHARS`, or short enough to be read whole, come back whole in `rest`.
 */
export function distinctOpenings(texts: readonly string[]): Map<string, DistinctOpening> {
  const unique = [...new Set(texts)].sort();
  const openings = new Map<string, DistinctOpening>();
  unique.forEach((text, i) => {
    const before = i > 0 ? commonPrefixLength(text, unique[i - 1]!) : 0;
    const after = i + 1 < unique.length ? commonPrefixLength(text, unique[i + 1]!) : 0;
    const start = wordStart(text, Math.max(before, after));
    const isShared = text.length > FITS_CHARS && start >= MIN_SHARED_CHARS && start < text.length;
    openings.set(text, isShared ? { lead: leadOf(text), rest: text.slice(start) } : { lead: '', rest: text });
  });
  return openings;
}

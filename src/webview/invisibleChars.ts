// Characters that change how text reads without being seen: bidi controls (which reorder what follows,
// so a candidate can read as another text than the one inserted), zero-width and other invisible
// characters, Unicode tag characters (text hidden from the reader but read by a model), and C0/C1
// controls. The panel shows each as a visible marker, as VS Code's editor highlights them; the data
// itself (what is inserted, copied or scored) is never changed.
//
// Not marked, because ordinary text needs them: tab and line breaks, the zero-width joiner and
// non-joiner (emoji sequences, Persian and Indic scripts) and the emoji variation selectors U+FE0E/F.

/** One or more characters of any of these ranges. */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B\u200E\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0D\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

const NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** A run of ordinary text, or one invisible character (by code point). */
export type TextPiece = { text: string } | { codePoint: number };

export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

/** `text` cut into ordinary runs and single invisible characters, in order; joined back it is `text`. */
export function splitInvisible(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(INVISIBLE_ALL)) {
    if (match.index > at) {
      pieces.push({ text: text.slice(at, match.index) });
    }
    pieces.push({ codePoint: match[0].codePointAt(0) as number });
    at = match.index + match[0].length;
  }
  if (at < text.length) {
    pieces.push({ text: text.slice(at) });
  }
  return pieces;
}

/** `U+202E`, the marker's label. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, or a category for characters without a listed name. */
export function describeCodePoint(codePoint: number): string {
  const name = NAMES[codePoint];
  if (name !== undefined) {
    return `${codePointLabel(codePoint)} ${name}`;
  }
  if (codePoint >= 0xe0000) {
    const shown = codePoint >= 0xe0020 && codePoint <= 0xe007e ? ` (hides “${String.fromCodePoint(codePoint - 0xe0000)}”)` : '';
    return `${codePointLabel(codePoint)} TAG CHARACTER${shown}`;
  }
  return codePoint < 0xa0 ? `${codePointLabel(codePoint)} CONTROL CHARACTER` : `${codePointLabel(codePoint)} INVISIBLE CHARACTER`;
}

/** For places that hold plain text only (tooltips): each invisible character as `[U+202E]`. */
export function markInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, (char) => `[${codePointLabel(char.codePointAt(0) as number)}]`);
}

/** The distinct invisible characters of `text`, described, in order of first appearance. */
export function invisibleCharactersOf(text: string): string[] {
  return [...new Set(splitInvisible(text).flatMap((piece) => ('codePoint' in piece ? [describeCodePoint(piece.codePoint)] : [])))];
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Beyond this many token pairs the table would cost too much; the diff falls back to replace-all. */
const MAX_CELLS = 4_000_000;

function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function pushPart(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  const last = parts[parts.length - 1];
  if (last !== undefined && last.kind === kind) {
    last.text += text;
  } else {
    parts.push({ kind, text });
  }
}

/** lcs[i * (m + 1) + j] = length of the longest common subsequence of a[i..] and b[j..]. */
function suffixLcs(a: string[], b: string[]): Uint32Array {
  const m = b.length;
  const lcs = new Uint32Array((a.length + 1) * (m + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
    }
  }
  return lcs;
}

/** Word-level diff (whitespace runs are tokens too, so the parts join back into both texts). */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const parts: DiffPart[] = [];
  if (a.length * b.length > MAX_CELLS) {
    pushPart(parts, 'removed', before);
    pushPart(parts, 'added', after);
    return parts;
  }
  const lcs = suffixLcs(a, b);
  const width = b.length + 1;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      pushPart(parts, 'same', a[i++] ?? '');
      j++;
    } else if (j >= b.length || (i < a.length && (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
      pushPart(parts, 'removed', a[i++] ?? '');
    } else {
      pushPart(parts, 'added', b[j++] ?? '');
    }
  }
  return parts;
}

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

/** Which token comes next when walking both sequences along a longest common subsequence. */
function nextKind(a: string[], b: string[], lcs: Uint32Array, at: [number, number]): DiffPart['kind'] {
  const [i, j] = at;
  const width = b.length + 1;
  if (i >= a.length) {
    return 'added';
  }
  if (j >= b.length) {
    return 'removed';
  }
  if (a[i] === b[j]) {
    return 'same';
  }
  return (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0) ? 'removed' : 'added';
}

/** Only spaces between two changes. */
function isGap(parts: readonly DiffPart[], i: number, isInChange: boolean): boolean {
  const part = parts[i];
  const next = parts[i + 1];
  return isInChange && part?.kind === 'same' && /^\s+$/.test(part.text) && next !== undefined && next.kind !== 'same';
}

/**
 * Reads better as "old words → new words" than as alternating single words: a run of changes kept
 * apart only by spaces becomes one removed part and one added part (both keep the spaces).
 */
function groupChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = (): void => {
    // Spaces both sides end with are unchanged text: show them as such.
    const tail = /\s+$/.exec(removed)?.[0] ?? '';
    const shared = tail !== '' && added.endsWith(tail) ? tail : '';
    if (removed !== shared) {
      pushPart(out, 'removed', removed.slice(0, removed.length - shared.length));
    }
    if (added !== shared) {
      pushPart(out, 'added', added.slice(0, added.length - shared.length));
    }
    if (shared !== '') {
      pushPart(out, 'same', shared);
    }
    removed = '';
    added = '';
  };
  parts.forEach((part, i) => {
    if (isGap(parts, i, removed !== '' || added !== '')) {
      removed += part.text;
      added += part.text;
    } else if (part.kind === 'removed') {
      removed += part.text;
    } else if (part.kind === 'added') {
      added += part.text;
    } else {
      flush();
      pushPart(out, 'same', part.text);
    }
  });
  flush();
  return out;
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
  const at: [number, number] = [0, 0];
  while (at[0] < a.length || at[1] < b.length) {
    const kind = nextKind(a, b, lcs, at);
    pushPart(parts, kind, kind === 'added' ? (b[at[1]] ?? '') : (a[at[0]] ?? ''));
    at[0] += kind === 'added' ? 0 : 1;
    at[1] += kind === 'removed' ? 0 : 1;
  }
  return groupChanges(parts);
}

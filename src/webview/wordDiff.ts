import { diffArrays } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Beyond this many edited tokens the diff is no longer readable (and Myers' work grows with it); it
 * falls back to replace-all.
 */
const MAX_EDITED_TOKENS = 400;

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

/**
 * Word-level diff: the `diff` package's Myers diff over words and whitespace runs (both are tokens,
 * so the parts join back into both texts), then runs of changes grouped.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const changes = diffArrays(tokenize(before), tokenize(after), { maxEditLength: MAX_EDITED_TOKENS });
  const parts: DiffPart[] = [];
  if (changes === undefined) {
    pushPart(parts, 'removed', before);
    pushPart(parts, 'added', after);
    return parts;
  }
  for (const change of changes) {
    pushPart(parts, change.added ? 'added' : change.removed ? 'removed' : 'same', change.value.join(''));
  }
  return groupChanges(parts);
}

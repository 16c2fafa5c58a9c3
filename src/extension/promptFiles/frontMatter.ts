/**
 * Where the body of a file with YAML front matter starts: just after the line that closes a `---`
 * block opening the file (a byte-order mark before it is allowed), else 0. The front matter itself is
 * never parsed or rewritten, so it stays byte for byte.
 */
export function bodyStart(text: string): number {
  const opening = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (opening === null) {
    return 0;
  }
  const closing = /^---[ \t]*(\r?\n|$)/m;
  const rest = text.slice(opening[0].length);
  const match = closing.exec(rest);
  return match === null ? 0 : opening[0].length + match.index + match[0].length;
}

/** What `JSON.parse` reported, trimmed for a one-line message. */
export interface JsonSyntaxProblem {
  /** The parser's complaint without its position or a quote of the input, e.g. `Unexpected end of JSON input`. */
  reason: string;
  /** Character offset the parser pointed at, when it said. */
  position: number | undefined;
}

const POSITION = /\bat position (\d+)/;
const POSITION_SUFFIX = /\s*(?:in JSON\s*)?at position \d+.*$/s;
// V8 may quote the input (`Unexpected token 'x', "{…}" is not valid JSON`, or a stretch of it between
// `...` on a long line); the text is the user's data, so drop it.
const QUOTED_INPUT = /,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s;

/** Parses JSON, returning the value or what was wrong with it. */
export function tryParseJson(text: string): { value: unknown } | { error: JsonSyntaxProblem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: describeJsonSyntaxError(err) };
  }
}

/** Turns an error thrown by `JSON.parse` into a short reason and, when given, the offset. */
export function describeJsonSyntaxError(err: unknown): JsonSyntaxProblem {
  const message = err instanceof Error ? err.message : String(err);
  const match = POSITION.exec(message);
  const reason = message.replace(POSITION_SUFFIX, '').replace(QUOTED_INPUT, '').trim();
  return {
    reason: reason === '' ? 'not valid JSON' : reason,
    position: match?.[1] === undefined ? undefined : Number(match[1]),
  };
}

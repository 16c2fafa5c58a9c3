/** Languages whose string literals the extension can read and rewrite. */
export type LiteralLanguage = 'js' | 'python' | 'go' | 'json';

/** How a literal is written: enough to encode a new value the same way. */
export interface LiteralSyntax {
  language: LiteralLanguage;
  /** Python string prefix as written (`r`, `f`, `rb`, `Fr`…); `''` elsewhere. */
  prefix: string;
  /** The opening delimiter, which is also the closing one: `'`, `"`, `` ` ``, `'''` or `"""`. */
  quote: string;
}

/** A source range as offsets into the document text, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A string literal found in source text. All offsets index the scanned text. */
export interface StringLiteral extends Span {
  syntax: LiteralSyntax;
  /** The text between the delimiters. */
  content: Span;
  /**
   * Interpolations (`${expr}` in template literals, `{expr}` in f-strings), kept verbatim in the
   * decoded value so that re-encoding can put them back as code.
   */
  fields: Span[];
}

/** A literal's value: its text with escapes decoded and interpolations kept as source. */
export interface DecodedValue {
  value: string;
  /** Source text of each interpolation that appears in `value`. */
  fields: string[];
}

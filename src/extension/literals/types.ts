import type { Position } from '../../core/prompt/position';

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
  /** Python: the literal begins a logical line at the top level (a docstring, or a bare string statement the code never reads). */
  isStatement?: boolean;
}

/** A literal's value: its text with escapes decoded and interpolations kept as source. */
export interface DecodedValue {
  value: string;
  /** Source text of each interpolation that appears in `value`. */
  fields: string[];
}

/** Why a prompt's place suggests its layout (the extension words it). */
export type HintReason = 'systemMessage' | 'systemName' | 'promptFile' | 'instructionsFile' | 'agentFile' | 'promptySystem';

/** What the prompt's surroundings say about how it is used. */
export interface PromptHint {
  /** The layout its place implies. */
  position?: Position;
  reason?: HintReason;
  /** The dataset column that is each example's input (a Prompty user section `{{question}}`). */
  inputColumn?: string;
  /** Interpolations that are expressions, not variables, so no dataset column can fill them (kept as written). */
  unmapped?: string[];
  /** Prompty: the user section is more than one placeholder, and each example's input is sent in its place. */
  isUserSectionReplaced?: boolean;
}

/**
 * The prompt a command works on and how to write a replacement back. `span` is the source range an
 * insertion replaces: a whole literal token, or raw text (a prompt file's body, Markdown, plain text, code selections).
 */
export interface PromptTarget {
  span: Span;
  /** The text to optimize: a literal's decoded value, or the raw text. */
  value: string;
  /** Present when the prompt lives in a string literal. */
  literal?: {
    syntax: LiteralSyntax;
    /** Decoded literal text before and after the prompt, when only part of the literal was selected. */
    before: string;
    after: string;
    /** Interpolations to keep as code when re-encoding. */
    fields: string[];
  };
  /** `{{column}}` placeholders of `value` that stand for code (an interpolation, a prompt file variable) → that code. */
  placeholders?: Record<string, string>;
  hint?: PromptHint;
}

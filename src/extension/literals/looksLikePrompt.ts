import type { LiteralContext } from './literalContext';
import type { LiteralLanguage } from './types';

/** Shortest one-line value that reads like a prompt. */
export const MIN_PROMPT_LENGTH = 40;
/** Fewest words a one-line prompt has. */
export const MIN_PROMPT_WORDS = 6;
/** Fewest words of a string whose code says nothing (neither a prompt-like name nor a message): longer than a message. */
export const MIN_UNNAMED_PROMPT_WORDS = 12;

/**
 * Whether a string literal's value looks like a prompt worth a CodeLens: prose of at least
 * {@link MIN_PROMPT_LENGTH} characters and {@link MIN_PROMPT_WORDS} words, or several lines of words.
 * Identifiers, paths, URLs and SQL-like strings are not prose.
 */
export function looksLikePrompt(value: string): boolean {
  return isProse(value.trim(), countWords(value));
}

function isProse(text: string, words: number): boolean {
  if (words < 3 || /^(https?:|file:|\/|\.\/)\S*$/.test(text) || /^(select|insert|update|delete)\s/i.test(text) || isCode(text)) {
    return false;
  }
  const isMultiLine = text.includes('\n');
  return isMultiLine || (text.length >= MIN_PROMPT_LENGTH && words >= MIN_PROMPT_WORDS);
}

/** Names of variables, keys and arguments that hold prompts. */
const PROMPT_NAME = /prompt|instruct|system|template|persona|directive|guideline|rubric|preamble|^content$/i;
/** Calls whose arguments are prompts: message classes, prompt templates, model calls. */
const PROMPT_CALL = /(Message|Prompt|Template)\w*$|(^|\.)(from_template|from_messages|invoke|ainvoke|generate\w*|complete|completion|chat|ask|predict)$/;
/** Calls whose string arguments are messages to people or the log, not prompts. */
const MESSAGE_CALL =
  /(^|\.)(t|l10n\.t|localize|_|gettext|ngettext|i18n|translate|print|printf|log|info|warn|warning|error|debug|trace|fatal|critical|exception|fail|skip|assert\w*|describe|it|test|suite|expect|require|import|fetch|RegExp|compile|show\w*Message|appendLine|write|writeln|echo|emit|Exit|exit|panic|Errorf|Sprintf|Printf|Println|Fatalf|Error|Warn)$|(Error|Exception|Warning)$|^(assert|expect|should)\b/;
/** Keys and names of user-interface text, messages and identifiers. */
const MESSAGE_NAME =
  /^(title|label|description|detail|tooltip|placeholder|problem|fix|reason|help|hint|error|warning|usage|summary|docs?|comment|name|id|path|url|href|src|className|class|style|sql|regex|pattern|markdownDescription|enumDescriptions?|errorMessage|message|msg)$/i;
/** Template tags that only trim indentation, so the template is still prose. */
const INDENT_TAGS = new Set(['dedent', 'outdent', 'stripIndent', 'stripIndents', 'endent', 'oneLine', 'oneLineTrim']);

/**
 * Whether a literal deserves the "Optimize prompt" CodeLens, from its value and its code: never a
 * docstring or bare string statement, a tagged template (`gql`, `html`, `sql`…), or a message to a
 * person or the log (`new Error(…)`, `t(…)`, `log.info(…)`, a `title:`). A prompt-like name, a chat
 * message or a model call takes a short sentence; a string the code says nothing about must be long
 * (and in JSON, which is data or configuration, is never taken).
 */
export function isPromptLiteral(value: string, context: LiteralContext, language: LiteralLanguage): boolean {
  if (context.isStatement || (context.tag !== undefined && !INDENT_TAGS.has(context.tag))) {
    return false;
  }
  const words = countWords(value, MIN_UNNAMED_PROMPT_WORDS);
  switch (codeSays(context)) {
    case 'prompt':
      return words >= 3;
    case 'message':
      return false;
    case 'nothing':
      // A JSON file is data or configuration: only a prompt-like key makes one of its strings a prompt.
      return language !== 'json' && words >= MIN_UNNAMED_PROMPT_WORDS && isProse(value.trim(), words);
  }
}

/** Whether the literal's name or call marks it as a prompt, as a message to a person or the log, or neither. */
function codeSays(context: LiteralContext): 'prompt' | 'message' | 'nothing' {
  const callee = context.callee?.replace(/^new /, '') ?? '';
  const name = context.name?.replace(/^.*\./, '') ?? '';
  if (context.role !== undefined || PROMPT_NAME.test(name) || PROMPT_CALL.test(callee)) {
    return 'prompt';
  }
  return MESSAGE_CALL.test(callee) || MESSAGE_NAME.test(name) ? 'message' : 'nothing';
}

/** Whether a value has the three words any prompt has (cheap: checked before the code around it is read). */
export function hasThreeWords(value: string): boolean {
  return countWords(value, 3) >= 3;
}

/** Source code in a string (a worker's source, a test file): several lines ending in `{`, `}` or `;`. */
function isCode(text: string): boolean {
  return (text.match(/[{};]\s*$/gm)?.length ?? 0) >= 2;
}

/** Whitespace-separated words holding a letter, counted up to `limit`. */
function countWords(text: string, limit = Infinity): number {
  let count = 0;
  for (const word of text.split(/\s+/)) {
    if (/\p{L}/u.test(word) && ++count >= limit) {
      break;
    }
  }
  return count;
}

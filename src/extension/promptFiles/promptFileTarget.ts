import type { PromptHint, PromptTarget } from '../literals/types';
import { bodyStart } from './frontMatter';
import type { PromptFileKind } from './promptFileKind';
import { promptySections, trimmed } from './promptySections';

/** The layout each kind of file implies: a prompt file comes before what the user types; instructions and agents are system messages. */
const KIND_HINTS: Readonly<Record<Exclude<PromptFileKind, 'prompty'>, PromptHint>> = {
  prompt: { position: 'Q_begin', reason: 'promptFile' },
  instructions: { position: 'system', reason: 'instructionsFile' },
  agent: { position: 'system', reason: 'agentFile' },
};

/** `${input:name}`, `${input:name:placeholder text}`, `${selection}`, `${selectedText}`: the variables a prompt file is run with. */
const VARIABLE = /\$\{(?:input:([\p{L}\p{N}_.-]+)(?::[^}]*)?|(selection|selectedText))\}/gu;
const SINGLE_PLACEHOLDER = /^\{\{\s*([^{}]+?)\s*\}\}$/;

/**
 * The prompt of a prompt file: its body (after the front matter, which is never touched), trimmed.
 * In a prompt file each input variable becomes a `{{name}}` placeholder, filled from the dataset
 * column of that name. In a Prompty file the prompt is the system section; a user section that is
 * one `{{column}}` names the input column. Undefined when the body is empty.
 */
export function promptFileTarget(text: string, kind: PromptFileKind): PromptTarget | undefined {
  const from = bodyStart(text);
  if (kind === 'prompty') {
    return promptyTarget(text, from);
  }
  const span = trimmed(text, { start: from, end: text.length });
  if (span.end === span.start) {
    return undefined;
  }
  const placeholders: Record<string, string> = {};
  const value = text.slice(span.start, span.end).replace(VARIABLE, (source, input: string | undefined, editorVariable: string | undefined) => {
    const column = input ?? editorVariable ?? source;
    placeholders[column] ??= source;
    return `{{${column}}}`;
  });
  return { span, value, ...(Object.keys(placeholders).length > 0 ? { placeholders } : {}), hint: KIND_HINTS[kind] };
}

function promptyTarget(text: string, from: number): PromptTarget | undefined {
  const sections = promptySections(text, from);
  const system = sections.find((s) => s.role === 'system' || s.role === 'developer');
  const users = sections.filter((s) => s.role === 'user');
  const chosen = system ?? users[0];
  if (chosen === undefined) {
    return undefined;
  }
  const span = chosen.content;
  const value = text.slice(span.start, span.end);
  if (system === undefined) {
    return { span, value }; // only a user message: it is the template
  }
  const only = users.length === 1 && users[0] !== undefined ? SINGLE_PLACEHOLDER.exec(text.slice(users[0].content.start, users[0].content.end)) : null;
  const hint: PromptHint = {
    position: 'system',
    reason: 'promptySystem',
    ...(only?.[1] === undefined ? {} : { inputColumn: only[1] }),
    ...(users.length > 0 && only === null ? { isUserSectionReplaced: true } : {}),
  };
  return { span, value, hint };
}

/** The offset a CodeLens at the top of a prompt file points at: the start of its body. */
export function promptFileOffset(text: string): number {
  return bodyStart(text);
}

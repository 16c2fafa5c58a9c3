import * as vscode from 'vscode';
import type { LiteralCache } from '../editor/literalCache';
import type { PromptLocator } from '../editor/promptAtCursor';
import type { PromptRangeInput } from './toolInput';
import { workspacePath } from './toolInput';

/**
 * Where a tool's prompt is. No file: the active editor's selection. A file without lines: the whole
 * document (a prompt file). Lines (1-based, inclusive): the longest string literal they touch, since a
 * model names the lines of `const PROMPT = "…"`, not the characters inside the quotes; else the text
 * of those lines.
 */
export async function locatePrompt(input: PromptRangeInput, literals: LiteralCache): Promise<PromptLocator> {
  if (input.file === undefined) {
    return {};
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(workspacePath(input.file)));
  const uri = document.uri.toString();
  if (input.startLine === undefined) {
    return { uri, offset: 0, end: document.getText().length };
  }
  const last = document.lineCount - 1;
  const first = Math.min(input.startLine - 1, last);
  const start = document.offsetAt(new vscode.Position(first, 0));
  const end = document.offsetAt(document.lineAt(Math.min(Math.max((input.endLine ?? input.startLine) - 1, first), last)).range.end);
  const touched = literals.literalsOf(document).filter((literal) => literal.start < end && literal.end > start);
  const longest = touched.sort((a, b) => b.content.end - b.content.start - (a.content.end - a.content.start))[0];
  return longest === undefined ? { uri, offset: start, end } : { uri, offset: longest.content.start };
}

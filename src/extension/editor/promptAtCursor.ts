import * as vscode from 'vscode';
import type { PromptSource } from '../insertion/promptSource';
import { resolvePromptTarget, type PromptTarget } from '../literals/promptTarget';
import type { LiteralCache } from './literalCache';

/** The prompt a command works on, with its document. */
export interface EditorPrompt {
  document: vscode.TextDocument;
  target: PromptTarget;
}

/** Where to look: a document and offset (from a CodeLens), else the active editor's selection. */
export interface PromptLocator {
  uri?: string;
  offset?: number;
  /** The end of a selection starting at `offset` (a tool's range); a bare cursor without it. */
  end?: number;
}

/** The prompt under the cursor or selection, or at a CodeLens' offset; undefined when there is none. */
export async function promptAtCursor(cache: LiteralCache, where: PromptLocator = {}): Promise<EditorPrompt | undefined> {
  const located = await locate(where);
  if (located === undefined) {
    return undefined;
  }
  const { document, selection } = located;
  const target = resolvePromptTarget({ text: document.getText(), languageId: document.languageId, fileName: document.uri.path, selection, literals: cache.literalsOf(document) });
  return target === undefined || target.value.trim() === '' ? undefined : { document, target };
}

async function locate(where: PromptLocator): Promise<{ document: vscode.TextDocument; selection: { start: number; end: number } } | undefined> {
  if (where.uri !== undefined && where.offset !== undefined) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(where.uri));
    return { document, selection: { start: where.offset, end: where.end ?? where.offset } };
  }
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    return undefined;
  }
  const { document, selection } = editor;
  return { document, selection: { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) } };
}

/** The `meta.source` of a run on this prompt. */
export function sourceOf(prompt: EditorPrompt): PromptSource {
  const { document, target } = prompt;
  return {
    file: vscode.workspace.asRelativePath(document.uri),
    line: document.positionAt(target.span.start).line + 1,
    uri: document.uri.toString(),
    languageId: document.languageId,
    offset: target.span.start,
    token: document.getText().slice(target.span.start, target.span.end),
    ...(target.literal === undefined ? {} : { literal: target.literal }),
    ...(target.placeholders === undefined ? {} : { placeholders: target.placeholders }),
  };
}

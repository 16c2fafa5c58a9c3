import * as vscode from 'vscode';
import { literalAround } from '../literals/scanLiterals';
import { promptFileKind } from '../promptFiles/promptFileKind';
import type { LiteralCache } from './literalCache';

/** Context key for the editor menu: a selection, a cursor in a string literal, a prompt file, or prose (Markdown/plain text). */
export const CAN_OPTIMIZE_KEY = 'opro.canOptimize';
const PROSE_LANGUAGES = new Set(['markdown', 'plaintext']);

/** Keeps {@link CAN_OPTIMIZE_KEY} in step with the active editor's selection. */
export function trackCanOptimize(cache: LiteralCache): vscode.Disposable {
  const update = (editor: vscode.TextEditor | undefined): void => {
    void vscode.commands.executeCommand('setContext', CAN_OPTIMIZE_KEY, editor !== undefined && canOptimize(editor, cache));
  };
  update(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection((event) => update(event.textEditor)),
  );
}

function canOptimize(editor: vscode.TextEditor, cache: LiteralCache): boolean {
  const { document, selection } = editor;
  if (!selection.isEmpty || PROSE_LANGUAGES.has(document.languageId) || promptFileKind(document.uri.path, document.languageId) !== undefined) {
    return true;
  }
  const offset = document.offsetAt(selection.active);
  return literalAround(cache.literalsOf(document), offset) !== undefined;
}

import * as vscode from 'vscode';
import type { RunView } from '../../core/runView';
import { renderReplacement, resolvePromptTarget } from '../literals/promptTarget';
import type { Prompter } from '../ui/prompter';
import { locateToken } from './locateToken';
import type { PromptLocation, PromptLocations } from './promptLocations';
import { readPromptSource, type PromptSource } from './promptSource';

export interface InsertDeps {
  prompter: Prompter;
  locations: PromptLocations;
}

/**
 * Replaces the run's prompt in its file with `instruction`, re-escaped for its literal, as one
 * undoable edit. The prompt is found by its text near where it was; when it is gone (edited by
 * hand), the user is asked before anything else is overwritten. Rejects with a user-facing Error.
 */
export async function insertInstruction(deps: InsertDeps, record: Pick<RunView, 'id' | 'meta'>, instruction: string): Promise<void> {
  const t = vscode.l10n.t;
  const source = readPromptSource(record.meta);
  if (source === undefined) {
    throw new Error(t('This run was not started from an editor, so there is no prompt to replace. Use Copy instead.'));
  }
  const location = deps.locations.get(record.id) ?? { uri: source.uri, offset: source.offset, token: source.token };
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  const span = locateToken(document.getText(), location.token, location.offset);
  if (span === undefined) {
    await insertElsewhere(deps, { record, source, document, instruction });
    return;
  }
  const replacement = renderReplacement(source, instruction);
  const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
  await deps.locations.set(record.id, await applyReplacement(document, range, replacement));
}

async function applyReplacement(document: vscode.TextDocument, range: vscode.Range, replacement: string): Promise<PromptLocation> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, replacement);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(vscode.l10n.t('VS Code did not apply the edit to {0}.', vscode.workspace.asRelativePath(document.uri)));
  }
  const start = range.start;
  const end = document.positionAt(document.offsetAt(start) + replacement.length);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: columnOf(document), preserveFocus: false });
  // The inserted text stays selected with the cursor at its start: revealing the cursor then shows
  // where the literal begins instead of scrolling sideways to the end of a long line.
  editor.selection = new vscode.Selection(end, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { uri: document.uri.toString(), offset: document.offsetAt(start), token: replacement };
}

/** The column already showing the document (not the panel's, beside it), else the first. */
function columnOf(document: vscode.TextDocument): vscode.ViewColumn {
  return vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
}

interface Elsewhere {
  record: Pick<RunView, 'id' | 'meta'>;
  source: PromptSource;
  document: vscode.TextDocument;
  instruction: string;
}

/** The prompt was edited since the run started: offer the cursor or the clipboard, never a guess. */
async function insertElsewhere(deps: InsertDeps, input: Elsewhere): Promise<void> {
  const t = vscode.l10n.t;
  const atCursor = t('Insert at Cursor');
  const copy = t('Copy');
  const answer = await deps.prompter.showMessage(
    'warning',
    t('The original prompt is no longer in {0} (it was edited since the run started). Where should the instruction go?', input.source.file),
    [atCursor, copy],
    true,
  );
  if (answer === copy) {
    await vscode.env.clipboard.writeText(input.instruction);
  } else if (answer === atCursor) {
    const editor = await vscode.window.showTextDocument(input.document, { viewColumn: columnOf(input.document), preserveFocus: false });
    const selection = { start: input.document.offsetAt(editor.selection.start), end: input.document.offsetAt(editor.selection.end) };
    const target = resolvePromptTarget({ text: input.document.getText(), languageId: input.document.languageId, fileName: input.document.uri.path, selection });
    const span = target?.span ?? selection;
    const range = new vscode.Range(input.document.positionAt(span.start), input.document.positionAt(span.end));
    const literal = target?.literal === undefined ? {} : { literal: { ...target.literal, before: '', after: '' } };
    const replacement = renderReplacement({ ...literal, ...(input.source.placeholders === undefined ? {} : { placeholders: input.source.placeholders }) }, input.instruction);
    await deps.locations.set(input.record.id, await applyReplacement(input.document, range, replacement));
  }
}

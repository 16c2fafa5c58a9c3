import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';
import { decodeLiteral } from '../literals/codec';
import { looksLikePrompt } from '../literals/looksLikePrompt';
import { readSettings } from '../settings';
import type { LiteralCache } from './literalCache';

/** Languages whose string literals get an "Optimize prompt" CodeLens. */
export const CODE_LENS_SELECTOR: vscode.DocumentSelector = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python', 'go', 'json', 'jsonc'].map(
  (language) => ({ language }),
);

/** "Optimize prompt" above string literals that read like prompts (`opro.codeLens.enabled` turns it off). */
export class PromptCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly cache: LiteralCache) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readSettings(document.uri).codeLensEnabled) {
      return [];
    }
    const text = document.getText();
    return this.cache
      .literalsOf(document)
      .filter((literal) => looksLikePrompt(decodeLiteral(text, literal).value))
      .map((literal) => {
        const range = new vscode.Range(document.positionAt(literal.start), document.positionAt(literal.end));
        return new vscode.CodeLens(range, {
          title: vscode.l10n.t('$(sparkle) Optimize prompt'),
          tooltip: vscode.l10n.t('Optimize this prompt with OPRO on a dataset'),
          command: COMMAND_IDS.optimizePrompt,
          arguments: [{ uri: document.uri.toString(), offset: literal.content.start }],
        });
      });
  }
}

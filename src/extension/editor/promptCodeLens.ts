import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';
import { CODE_LANGUAGES, PROMPT_FILE_LANGUAGES } from './codeLensLanguages';
import { decodeLiteral } from '../literals/codec';
import { ContextReader } from '../literals/literalContext';
import { hasThreeWords, isPromptLiteral } from '../literals/looksLikePrompt';
import { PROMPT_FILE_GLOB, promptFileKind } from '../promptFiles/promptFileKind';
import { promptFileTarget } from '../promptFiles/promptFileTarget';
import { readSettings } from '../settings';
import type { LiteralCache } from './literalCache';

/** Documents that get the CodeLens: by language, plus prompt files by name for a VS Code that does not know their languages. */
export const CODE_LENS_SELECTOR: vscode.DocumentSelector = [
  ...[...CODE_LANGUAGES, ...PROMPT_FILE_LANGUAGES].map((language) => ({ language })),
  { pattern: PROMPT_FILE_GLOB },
];

/** Larger documents (generated bundles, data) get no CodeLens: on a busy 2-core machine, scanning and reading the code around every literal of a 700 KB minified file took 100 ms of the extension host. */
export const MAX_CODE_LENS_TEXT = 256 * 1024;

/**
 * "Optimize prompt" at the top of a prompt file, and above string literals that read like prompts
 * where they are (see `isPromptLiteral`). `opro.codeLens.enabled` turns it off.
 */
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
    const kind = promptFileKind(document.uri.path, document.languageId);
    if (kind !== undefined) {
      const body = promptFileTarget(text, kind);
      return body === undefined ? [] : [this.lens(document, new vscode.Range(0, 0, 0, 0), body.span.start)];
    }
    if (text.length > MAX_CODE_LENS_TEXT) {
      return [];
    }
    const literals = this.cache.literalsOf(document);
    const reader = new ContextReader(text, literals);
    return literals
      .filter((literal) => {
        const { value } = decodeLiteral(text, literal);
        return hasThreeWords(value) && isPromptLiteral(value, reader.read(literal), literal.syntax.language);
      })
      .map((literal) => this.lens(document, new vscode.Range(document.positionAt(literal.start), document.positionAt(literal.end)), literal.content.start));
  }

  private lens(document: vscode.TextDocument, range: vscode.Range, offset: number): vscode.CodeLens {
    return new vscode.CodeLens(range, {
      title: vscode.l10n.t('$(sparkle) Optimize prompt'),
      tooltip: vscode.l10n.t('Optimize this prompt with OPRO on a dataset'),
      command: COMMAND_IDS.optimizePrompt,
      arguments: [{ uri: document.uri.toString(), offset }],
    });
  }
}

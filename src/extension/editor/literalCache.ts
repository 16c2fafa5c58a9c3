import type * as vscode from 'vscode';
import { literalLanguageOf, scanLiterals } from '../literals/scanLiterals';
import type { StringLiteral } from '../literals/types';

/** Scanned literals per document version, so selection changes and CodeLens do not rescan. */
export class LiteralCache {
  private readonly entries = new Map<string, { version: number; literals: StringLiteral[] }>();

  literalsOf(document: vscode.TextDocument): StringLiteral[] {
    const language = literalLanguageOf(document.languageId);
    if (language === undefined) {
      return [];
    }
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached?.version === document.version) {
      return cached.literals;
    }
    const literals = scanLiterals(language, document.getText());
    this.entries.set(key, { version: document.version, literals });
    return literals;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }
}

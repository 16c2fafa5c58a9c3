import type * as vscode from 'vscode';
import type { MessageLevel, Prompter } from '../../../src/extension/ui/prompter';

/** One question the extension asked. */
export type Question =
  | { kind: 'pick'; title: string | undefined; labels: string[] }
  | { kind: 'input'; title: string | undefined; password: boolean }
  | { kind: 'openFile' | 'saveFile'; title: string | undefined };

/** One toast the extension showed. */
export interface Toast {
  level: MessageLevel;
  message: string;
  buttons: string[];
  isModal: boolean;
}

/** A quick pick's rows as shown, separators included (`separator: true`). */
export interface PickRow {
  label: string;
  description?: string;
  separator?: true;
}

/** Answers: a label to pick (or a function choosing one), a typed text, a file, or a button. */
export interface Answers {
  pick?: (labels: string[], title: string | undefined) => string | undefined;
  /** `value` is the box's prefilled text. */
  input?: (title: string | undefined, value: string | undefined) => string | undefined;
  openFile?: () => vscode.Uri | undefined;
  saveFile?: () => vscode.Uri | undefined;
  button?: (toast: Toast) => string | undefined;
}

/** A Prompter for tests: records every question and toast, answers from `answers` (else cancels). */
export class ScriptedPrompter implements Prompter {
  readonly questions: Question[] = [];
  /** The rows of each quick pick, in the order asked. */
  readonly picks: PickRow[][] = [];
  readonly toasts: Toast[] = [];

  constructor(public answers: Answers = {}) {}

  async pick<T extends vscode.QuickPickItem>(offered: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions): Promise<T | undefined> {
    // Separators are headings, not answers (VS Code's kind Separator is -1).
    const all = await offered;
    this.picks.push(all.map((i) => ({ label: i.label, ...(i.description === undefined ? {} : { description: i.description }), ...(i.kind === -1 ? { separator: true as const } : {}) })));
    const items = all.filter((i) => i.kind !== -1);
    const labels = items.map((i) => i.label);
    this.questions.push({ kind: 'pick', title: options.title, labels });
    const label = this.answers.pick?.(labels, options.title);
    return items.find((i) => i.label === label);
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.questions.push({ kind: 'input', title: options.title, password: options.password === true });
    return this.answers.input?.(options.title, options.value);
  }

  async openFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    this.questions.push({ kind: 'openFile', title: options.title });
    return this.answers.openFile?.();
  }

  async saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.questions.push({ kind: 'saveFile', title: options.title });
    return this.answers.saveFile?.();
  }

  async showMessage(level: MessageLevel, message: string, buttons: string[] = [], isModal = false): Promise<string | undefined> {
    const toast = { level, message, buttons, isModal };
    this.toasts.push(toast);
    return this.answers.button?.(toast);
  }

  errors(): Toast[] {
    return this.toasts.filter((t) => t.level === 'error');
  }
}

import * as vscode from 'vscode';

export type MessageLevel = 'info' | 'warning' | 'error';

/**
 * Every question the extension asks and every toast it shows. Commands talk to this rather than
 * to `vscode.window`, so the VS Code tests can answer questions and read toasts.
 */
export interface Prompter {
  /** A quick pick; items still being computed show as its progress bar. */
  pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions): Promise<T | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  openFile(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
  saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  /** Shows a toast (modal when `isModal`) and resolves with the button chosen. */
  showMessage(level: MessageLevel, message: string, buttons?: string[], isModal?: boolean): Promise<string | undefined>;
}

/** The real thing: VS Code's quick picks, input boxes, dialogs and notifications. */
export const windowPrompter: Prompter = {
  pick: async <T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions) =>
    vscode.window.showQuickPick<T>(Promise.resolve(items).then((list): T[] => [...list]), options),
  input: async (options) => vscode.window.showInputBox(options),
  openFile: async (options) => (await vscode.window.showOpenDialog({ ...options, canSelectMany: false }))?.[0],
  saveFile: async (options) => vscode.window.showSaveDialog(options),
  showMessage: async (level, message, buttons = [], isModal = false) => {
    const show =
      level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(message, { modal: isModal }, ...buttons);
  },
};

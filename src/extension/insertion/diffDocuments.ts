import * as vscode from 'vscode';

/** URI scheme of the read-only documents the diff editor compares. */
export const DIFF_SCHEME = 'opro-diff';

/** In-memory documents for "Show diff": the original prompt against a candidate. */
export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, this);
  private counter = 0;
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens VS Code's diff editor on two texts. */
  async show(original: string, candidate: string, title: string): Promise<void> {
    const id = ++this.counter;
    const left = this.put(`/${id}/original.txt`, original);
    const right = this.put(`/${id}/candidate.txt`, candidate);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  private put(path: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DIFF_SCHEME, path });
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
    return uri;
  }
}

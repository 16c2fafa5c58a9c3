import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RunEvent } from '../../core/events';
import type { RunView } from '../../core/runView';
import { readPromptSource, type PriceTable, type ToPanel } from '../../webview/protocol';
import type { PanelController } from './panelController';
import { buildPanelHtml, createNonce } from './panelHtml';
import { handlePanelMessage } from './panelMessages';
import { PanelOutbox } from './panelOutbox';

export interface RunPanelOptions {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  controller: PanelController;
  /** @default vscode.ViewColumn.Beside (the code stays visible next to its candidates) */
  column?: vscode.ViewColumn;
}

export interface ShowRunOptions {
  /** The run's file: kept in the panel's state so a reloaded window reopens the same run. */
  runFile?: string;
  /** Configured prices (USD per million tokens by model name); the panel also knows a few list prices. */
  prices?: PriceTable;
}

/** The one results panel (view type `opro.panel`): shows a run and its live events. */
export class RunPanel implements vscode.Disposable {
  static readonly viewType = 'opro.panel';
  private static current: RunPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly outbox: PanelOutbox;
  private isDisposed = false;

  /** Reveals the panel (where it is, unless `column` says otherwise), or creates it beside the editor. */
  static createOrShow(options: RunPanelOptions): RunPanel {
    if (RunPanel.current !== undefined) {
      RunPanel.current.panel.reveal(options.column, true);
      return RunPanel.current;
    }
    const showOptions = { viewColumn: options.column ?? vscode.ViewColumn.Beside, preserveFocus: true };
    const panel = vscode.window.createWebviewPanel(RunPanel.viewType, 'OPRO', showOptions, webviewOptions(options.extensionUri));
    return new RunPanel(panel, options);
  }

  /** Takes over a panel VS Code restored after a reload (see `registerRunPanelSerializer`). */
  static revive(panel: vscode.WebviewPanel, options: RunPanelOptions): RunPanel {
    RunPanel.current?.dispose();
    panel.webview.options = webviewOptions(options.extensionUri);
    return new RunPanel(panel, options);
  }

  /** The open panel, if any: the extension forwards a run's events to it. */
  static get currentPanel(): RunPanel | undefined {
    return RunPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly options: RunPanelOptions,
  ) {
    RunPanel.current = this;
    this.outbox = new PanelOutbox({ post: (message) => this.post(message) });
    const icon = (theme: string): vscode.Uri => vscode.Uri.joinPath(options.extensionUri, 'media', `panel-icon-${theme}.svg`);
    panel.iconPath = { light: icon('light'), dark: icon('dark') };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed and rebuilt when shown; it then announces `panel/ready` again.
        if (!panel.visible) {
          this.outbox.unready();
        }
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
    );
  }

  /** Shows a run (replacing the one shown). Pass `runFile` so the panel can be restored after a reload. */
  showRun(record: RunView, options: ShowRunOptions = {}): void {
    this.panel.title = panelTitle(record);
    this.outbox.show({ type: 'run/show', record, ...options });
  }

  /**
   * Forwards an engine event of run `runId`; posts are batched (at most one per ~100 ms). `runStarted`
   * shows its run (pass its `runFile`); events of another run than the shown one are dropped.
   */
  pushEvent(event: RunEvent, from: { runId: string; runFile?: string }): void {
    if (event.type === 'runStarted') {
      this.panel.title = panelTitle(event.record);
    }
    this.outbox.pushEvent(event, from);
  }

  /** Whether a run was ever shown (or started) in this panel. */
  get hasRun(): boolean {
    return this.outbox.runId !== undefined;
  }

  /** A message for the panel's status line (e.g. the run file could not be read). */
  notify(level: 'info' | 'error', message: string): void {
    this.outbox.notify({ type: 'notice/show', level, message });
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.isDisposed = true;
    if (RunPanel.current === this) {
      RunPanel.current = undefined;
    }
    this.outbox.dispose();
    this.panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  /**
   * A post racing the panel's disposal (a details answer read after the panel closed) has no one to
   * reach: `panel.webview` then throws and `postMessage` rejects; neither may escape as an unhandled error.
   */
  private post(message: ToPanel): void {
    if (this.isDisposed) {
      return;
    }
    try {
      void this.panel.webview.postMessage(message).then(undefined, () => undefined);
    } catch {
      // Disposed between the check and the post.
    }
  }

  private receive(raw: unknown): Promise<void> {
    return handlePanelMessage(raw, {
      controller: this.options.controller,
      log: this.options.log,
      runId: () => this.outbox.runId,
      onReady: () => this.outbox.ready(),
      reply: (message) => this.outbox.reply(message),
    });
  }

  private html(): string {
    const webview = this.panel.webview;
    const uri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, ...path)).toString();
    return buildPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: uri('dist', 'webview', 'panel.js'),
      styleUris: [uri('dist', 'webview', 'panel.css'), uri('media', 'panel.css')],
    });
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

function panelTitle(record: RunView): string {
  const source = readPromptSource(record);
  return `OPRO: ${basename(source === undefined ? record.dataset.file : source.file)}`;
}

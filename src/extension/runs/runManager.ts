import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import { resumeRun, startRun } from '../../core/engine';
import type { EngineDeps } from '../../core/engineDeps';
import type { RunRecord } from '../../core/runRecord';
import { reportError } from '../errors/reportError';
import { logRequest } from '../log';
import { createClient } from '../models/createClient';
import type { Prompter } from '../ui/prompter';
import { LiveRun } from './liveRun';
import { formatProgress } from './progressText';
import type { RunFiles } from './runFiles';
import type { RunStatusBar } from './runStatusBar';
import type { RunView } from './runView';

export interface RunManagerDeps {
  log: vscode.LogOutputChannel;
  prompter: Prompter;
  view: RunView;
  statusBar: RunStatusBar;
  /** Where runs and the cache go (the workspace can change). */
  files: () => RunFiles;
  isCacheEnabled: () => boolean;
  /** Called once a run (new or resumed) has its record, before anything is scored. */
  onRunStarted?: (record: RunRecord, runFile: string) => void;
}

/** How a run ended for the command that started it. */
export interface RunOutcome {
  /** Undefined when the run failed before it started (the error was reported). */
  record: RunRecord | undefined;
  runFile: string;
}

/**
 * Runs the engine in the extension host: a cancellable progress notification, the status bar, the
 * panel and the log follow every event. Cancelling keeps what finished and shows no error.
 */
export class RunManager implements vscode.Disposable {
  private readonly live = new Map<string, LiveRun>();
  private readonly progressEmitter = new vscode.EventEmitter<{ runFile: string; message: string }>();
  /** Every progress message shown (the VS Code tests read them; the notification itself is not inspectable). */
  readonly onDidReportProgress = this.progressEmitter.event;

  constructor(private readonly deps: RunManagerDeps) {}

  async start(config: RunConfig, meta: Record<string, unknown>): Promise<RunOutcome> {
    const runFile = await this.deps.files().newRunFile();
    const run = new LiveRun(runFile);
    const runId = basename(runFile, '.json');
    return this.execute(run, (engineDeps, signal) => startRun(config, { ...engineDeps, meta, runId }, signal));
  }

  async resume(runFile: string, patchConfig: (config: RunConfig) => RunConfig): Promise<RunOutcome> {
    const run = new LiveRun(runFile);
    return this.execute(run, (engineDeps, signal) => resumeRun(runFile, { ...engineDeps, patchConfig }, signal));
  }

  isLive(runId: string): boolean {
    return this.find(runId) !== undefined;
  }

  /** Cancels a live run; false when it is not running here. */
  stop(runId: string): boolean {
    const run = this.find(runId);
    run?.controller.abort();
    return run !== undefined;
  }

  /** Hands a person's instruction to a live run; false when it is not running here. */
  queueInstruction(runId: string, text: string): boolean {
    const run = this.find(runId);
    run?.queueInstruction(text);
    return run !== undefined;
  }

  /** The newest live run, for "Open Panel" without a run. */
  latestLive(): LiveRun | undefined {
    return [...this.live.values()].pop();
  }

  /** The engine deps every front-end call shares: clients, cache, log, and whether workspace code may run. */
  engineDeps(): EngineDeps {
    return {
      createClient,
      isTrusted: vscode.workspace.isTrusted,
      onLog: (entry) => logRequest(this.deps.log, entry),
      ...(this.deps.isCacheEnabled() ? { cacheDir: this.deps.files().cacheDir } : {}),
    };
  }

  dispose(): void {
    this.live.forEach((run) => run.controller.abort());
    this.progressEmitter.dispose();
  }

  private find(runId: string): LiveRun | undefined {
    return [...this.live.values()].find((run) => run.runId === runId);
  }

  private async execute(run: LiveRun, go: (deps: EngineDeps, signal: AbortSignal) => Promise<RunRecord>): Promise<RunOutcome> {
    this.live.set(run.runFile, run);
    const title = vscode.l10n.t('OPRO');
    try {
      const record = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        token.onCancellationRequested(() => run.controller.abort());
        progress.report({ message: formatProgress(run.progress, vscode.l10n.t) });
        return go(this.runDeps(run, progress), run.controller.signal);
      });
      this.deps.log.info(`run ${record.id} ${record.status} (${record.stopReason ?? 'no stop reason'})`);
      return { record, runFile: run.runFile };
    } catch (err) {
      await reportError(err, this.deps);
      return { record: undefined, runFile: run.runFile };
    } finally {
      this.live.delete(run.runFile);
      if (run.runId !== undefined) {
        this.deps.statusBar.remove(run.runId);
      }
    }
  }

  private runDeps(run: LiveRun, progress: vscode.Progress<{ message?: string; increment?: number }>): EngineDeps {
    return {
      ...this.engineDeps(),
      runFile: run.runFile,
      takeUserInstructions: run.takeInstructions,
      onEvent: (event) => {
        const gained = run.observe(event);
        if (event.type === 'runStarted') {
          this.deps.onRunStarted?.(event.record, run.runFile);
        }
        const message = formatProgress(run.progress, vscode.l10n.t);
        progress.report({ message, increment: gained * 100 });
        this.progressEmitter.fire({ runFile: run.runFile, message });
        if (run.runId !== undefined) {
          this.deps.statusBar.update(run.runId, run.progress);
        }
        if (event.type === 'runFailed') {
          this.deps.log.error(`run ${run.runId ?? run.runFile} failed: ${event.error.message}`);
        }
        this.deps.view.push(event, run.runFile);
      },
    };
  }
}

import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import { evaluateInstructions, readRunRecord, resumeRun, scoreUserInstruction, startRun } from '../../core/engine';
import type { Credentials, EngineDeps } from '../../core/engineDeps';
import type { RunEvent } from '../../core/events';
import type { RunRecord, RunWarning, ScoredCandidate } from '../../core/runRecord';
import type { RunView } from '../../core/runView';
import { COMMAND_IDS } from '../commandIds';
import { describeError, retryAction } from '../errors/describeError';
import { reportError } from '../errors/reportError';
import { logRequest } from '../log';
import { createClient } from '../models/createClient';
import type { ApiKeyStore } from '../secrets';
import { readSettings } from '../settings';
import type { Prompter } from '../ui/prompter';
import { LiveRun } from './liveRun';
import { advanceProgress, formatProgress, initialProgress, type RunProgress } from './progressText';
import { RunFiles } from './runFiles';
import { readSavedView } from './savedRuns';

const BEFORE_RUN_WARNINGS: ReadonlySet<RunWarning['kind']> = new Set(['longPrompt', 'datasetChanged', 'datasetMissing']);

export interface RunManagerDeps {
  log: vscode.LogOutputChannel;
  prompter: Prompter;
  apiKeys: ApiKeyStore;
  /** Where runs go when no folder is open (the extension's global storage). */
  storageRoot: string;
}

/** One engine event of a run this window executes, with the run's progress after it. */
export interface RunActivity {
  runId: string;
  runFile: string;
  event: RunEvent;
  /** The run's progress after this event. */
  progress: RunProgress;
  /** True while the run executes in this window (false for a person's instruction scored against a saved run). */
  isLive: boolean;
  /** Whether the panel should open on this run when it starts (false for runs an agent's tool started unasked). */
  showsPanel: boolean;
}

/** How a run is started: by a command (panel opens, the notification cancels) or by a tool (its own cancellation too). */
export interface RunStartOptions {
  /** Also cancels the run (a language model tool's cancellation token). */
  signal?: AbortSignal;
  /** Open the panel on the run when it starts. @default true */
  showPanel?: boolean;
}

/** How a run ended for the command that started it. */
export interface RunOutcome {
  /** The run's light view; undefined when the run failed before it started (the error was reported). */
  record: RunView | undefined;
  runFile: string;
  /** What went wrong when `record` is undefined, in the words of the error toast. */
  error?: string;
}

/**
 * Runs the engine in the extension host, under a cancellable progress notification, and publishes
 * every engine event on `onDidChangeRun`: the panel, the status bar and the Runs view subscribe.
 * Cancelling keeps what finished and shows no error.
 */
export class RunManager implements vscode.Disposable {
  private readonly live = new Map<string, LiveRun>();
  /** Run id -> file, for runs seen in this session (the run folder is searched otherwise). */
  private readonly known = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<RunActivity>();
  /** Every event of every run this window executes, in order. */
  readonly onDidChangeRun = this.changes.event;

  constructor(private readonly deps: RunManagerDeps) {}

  /** Runs live in the first workspace folder's `.opro/`, else in the extension's storage. */
  get files(): RunFiles {
    return new RunFiles(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? this.deps.storageRoot);
  }

  async start(config: RunConfig, meta: Record<string, unknown>, options: RunStartOptions = {}): Promise<RunOutcome> {
    const runFile = await this.files.newRunFile();
    const runId = basename(runFile, '.json');
    const run = new LiveRun(runFile, options.showPanel ?? true);
    options.signal?.addEventListener('abort', () => run.controller.abort(), { once: true });
    return this.execute(run, (engineDeps, signal) => startRun(config, { ...engineDeps, meta, runId }, signal));
  }

  /**
   * Scores instructions on a dataset without optimizing ("Evaluate Prompt", the evaluate tool) under a
   * cancellable notification; resolves with one candidate per distinct instruction (none when cancelled).
   */
  async evaluate(config: RunConfig, signal?: AbortSignal): Promise<ScoredCandidate[]> {
    const title = vscode.l10n.t('OPRO: scoring the prompt');
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      signal?.addEventListener('abort', () => controller.abort(), { once: true });
      return evaluateInstructions(config, config.seedInstructions, this.engineDeps(), controller.signal);
    });
  }

  /**
   * Continues a saved run on its own endpoints; the API key goes back into every model role (run files
   * never hold one). `budgets` replace the saved limits (a run stopped by one goes on under a higher one).
   */
  async resume(runFile: string, budgets?: Pick<RunConfig, 'maxCalls' | 'maxTokens' | 'maxCost'>): Promise<RunOutcome> {
    const credentials = await this.credentials();
    const patch = budgets === undefined ? {} : { patchConfig: (config: RunConfig): RunConfig => ({ ...config, ...budgets }) };
    return this.execute(new LiveRun(runFile), (engineDeps, signal) => resumeRun(runFile, { ...engineDeps, credentials, ...patch }, signal));
  }

  /**
   * Scores a person's instruction for run `runId`: handed to the run before its next step when it is
   * live here, else scored against the saved run (its event is published like any other).
   */
  async scoreInstruction(runId: string, text: string): Promise<void> {
    const run = this.find(runId);
    if (run !== undefined) {
      run.queueInstruction(text);
      return;
    }
    const runFile = await this.fileOf(runId);
    const credentials = await this.credentials();
    const title = vscode.l10n.t('OPRO: scoring your instruction');
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let progress = initialProgress();
      const onEvent = (event: RunEvent): void => {
        progress = advanceProgress(progress, event);
        this.changes.fire({ runId, runFile, event, progress, isLive: false, showsPanel: true });
      };
      await scoreUserInstruction(runFile, text, { ...this.engineDeps(), credentials, onEvent }, controller.signal);
    });
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

  /** The newest live run's id, for "Open Panel" without a run. */
  latestLiveId(): string | undefined {
    return [...this.live.values()].pop()?.runId;
  }

  /** The file of run `runId`: seen in this session, else found in the run folder. */
  async fileOf(runId: string): Promise<string> {
    const file = this.known.get(runId) ?? (await this.files.fileOf(runId));
    if (file === undefined) {
      throw new Error(vscode.l10n.t('The run {0} is not saved in this workspace.', runId));
    }
    this.known.set(runId, file);
    return file;
  }

  /** The run's light view: header and event log (what the panel shows). */
  async readView(runId: string): Promise<RunView> {
    return readSavedView(await this.fileOf(runId));
  }

  /** The whole run, per-example results included (exports only: a paper-scale run is large this way). */
  async read(runId: string): Promise<RunRecord> {
    return readRunRecord(await this.fileOf(runId));
  }

  /** The engine deps every front-end call shares: clients, cache, log, and whether workspace code may run. */
  engineDeps(): EngineDeps {
    return {
      createClient,
      isTrusted: vscode.workspace.isTrusted,
      onLog: (entry) => logRequest(this.deps.log, entry),
      onWarning: (message) => {
        this.deps.log.warn(message);
        void this.deps.prompter.showMessage('warning', message);
      },
      ...(readSettings().cacheEnabled ? { cacheDir: this.files.cacheDir } : {}),
    };
  }

  dispose(): void {
    this.live.forEach((run) => run.controller.abort());
    this.changes.dispose();
  }

  private async credentials(): Promise<Credentials> {
    const apiKey = await this.deps.apiKeys.get();
    return apiKey === undefined ? {} : { apiKey };
  }

  /**
   * The warnings said before a run spends anything (a prompt over the size limit, a dataset changed
   * since the run) also get a toast that does not block the run: the panel may not be open yet. The
   * panel's header lists every warning.
   */
  private warnBeforeRun(warning: RunWarning): void {
    if (BEFORE_RUN_WARNINGS.has(warning.kind)) {
      this.deps.log.warn(`${warning.kind}: ${warning.message}`);
      void this.deps.prompter.showMessage('warning', warning.fix === undefined ? warning.message : `${warning.message} ${warning.fix}`);
    }
  }

  private find(runId: string): LiveRun | undefined {
    return [...this.live.values()].find((run) => run.runId === runId);
  }

  private async execute(run: LiveRun, go: (deps: EngineDeps, signal: AbortSignal) => Promise<RunView>): Promise<RunOutcome> {
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
      const retry = run.runId === undefined ? {} : { retry: retryAction(COMMAND_IDS.resumeRun, { runId: run.runId }) };
      await reportError(err, this.deps, retry);
      const message = describeError(err)?.message;
      return { record: undefined, runFile: run.runFile, ...(message === undefined ? {} : { error: message }) };
    } finally {
      this.live.delete(run.runFile);
    }
  }

  private runDeps(run: LiveRun, progress: vscode.Progress<{ message?: string; increment?: number }>): EngineDeps {
    return {
      ...this.engineDeps(),
      runFile: run.runFile,
      takeUserInstructions: run.takeInstructions,
      onEvent: (event) => {
        const gained = run.observe(event);
        const runId = run.runId ?? basename(run.runFile, '.json');
        if (event.type === 'runStarted') {
          this.known.set(runId, run.runFile);
        }
        if (event.type === 'runWarning') {
          this.warnBeforeRun(event.warning);
        }
        progress.report({ message: formatProgress(run.progress, vscode.l10n.t), increment: gained * 100 });
        if (event.type === 'runFailed') {
          this.deps.log.error(`run ${runId} failed: ${event.error.message}`);
        }
        this.changes.fire({ runId, runFile: run.runFile, event, progress: run.progress, isLive: true, showsPanel: run.showsPanel });
      },
    };
  }
}

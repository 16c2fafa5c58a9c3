import * as vscode from 'vscode';
import type { Prompter } from '../ui/prompter';
import type { RunSummary } from '../../core/store/listRuns';

interface RunItem extends vscode.QuickPickItem {
  run: RunSummary;
}

/** A quick pick of saved runs: date, prompt preview, best score and status. */
export async function pickRun(prompter: Prompter, runs: RunSummary[], options: { title: string; isLive: (runId: string) => boolean }): Promise<RunSummary | undefined> {
  const t = vscode.l10n.t;
  if (runs.length === 0) {
    await prompter.showMessage('info', t('There are no OPRO runs in this workspace yet. Run "OPRO: Optimize Prompt" first.'));
    return undefined;
  }
  const items: RunItem[] = runs.map((run) => ({
    run,
    label: preview(run.prompt),
    description: `${new Date(run.createdAt).toLocaleString()} · ${statusText(run, options.isLive(run.runId))}`,
    detail: t('best {0} · step {1}/{2}', run.bestScore === undefined ? '–' : `${Math.round(run.bestScore * 100)}%`, run.steps, run.totalSteps),
  }));
  return (await prompter.pick(items, { title: options.title, matchOnDescription: true, matchOnDetail: true }))?.run;
}

function preview(prompt: string): string {
  const oneLine = prompt.replace(/\s+/g, ' ').trim();
  return oneLine.length > 70 ? `${oneLine.slice(0, 69)}…` : oneLine || '(empty prompt)';
}

/** A `running` file that is not live here was interrupted (window closed or reloaded). */
function statusText(run: RunSummary, isLive: boolean): string {
  const t = vscode.l10n.t;
  if (run.status === 'running') {
    return isLive ? t('running') : t('interrupted');
  }
  return { finished: t('finished'), cancelled: t('cancelled'), failed: t('failed') }[run.status];
}

import type { RunEvent } from '../../core/events';
import { bestCandidate, compareCandidates, type Rankable } from '../../core/ranking';
import type { RunUsage } from '../../core/runRecord';

/** What the progress notification and the status bar show about a live run. */
export interface RunProgress {
  step: number;
  totalSteps: number;
  /** Training score in [0, 1] of the best candidate so far (core's ranking rule); undefined before the first is scored. */
  bestScore: number | undefined;
  /** That candidate's ranking fields, to compare the next one with. */
  best?: Rankable;
  calls: number;
  tokens: number;
}

export function initialProgress(): RunProgress {
  return { step: 0, totalSteps: 0, bestScore: undefined, calls: 0, tokens: 0 };
}

/** Folds one engine event into the progress. */
export function advanceProgress(progress: RunProgress, event: RunEvent): RunProgress {
  switch (event.type) {
    case 'runStarted': {
      const best = bestCandidate(event.record.candidates);
      return { ...progress, ...usageOf(event.record.usage), totalSteps: event.record.config.steps, ...bestOf(best), step: event.record.steps.length };
    }
    case 'stepStarted':
      return { ...progress, step: event.step, totalSteps: event.totalSteps };
    case 'candidateScored':
      return { ...progress, ...usageOf(event.usage), ...bestOf(better(progress.best, event.candidate)) };
    case 'stepFinished':
      return { ...progress, ...usageOf(event.usage), bestScore: event.bestScore };
    case 'validationScored':
    case 'runFinished':
    case 'runCancelled':
    case 'runFailed':
      return { ...progress, ...usageOf(event.usage) };
    case 'stepProposed':
    case 'runWarning':
      return progress;
  }
}

function better(best: Rankable | undefined, candidate: Rankable): Rankable {
  return best === undefined || compareCandidates(candidate, best) < 0 ? candidate : best;
}

function bestOf(candidate: Rankable | undefined): Pick<RunProgress, 'bestScore' | 'best'> {
  if (candidate === undefined) {
    return { bestScore: undefined };
  }
  const { score, objective, partial, step, ordinal } = candidate;
  return { bestScore: score, best: { score, step, ordinal, ...(objective === undefined ? {} : { objective }), ...(partial === undefined ? {} : { partial }) } };
}

function usageOf(usage: RunUsage): Pick<RunProgress, 'calls' | 'tokens'> {
  return { calls: usage.calls, tokens: usage.promptTokens + usage.completionTokens };
}

/** A localizer like `vscode.l10n.t`: a message with `{0}`-style placeholders and its arguments. */
export type Localize = (message: string, ...args: (string | number)[]) => string;

const plain: Localize = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => String(args[Number(i)] ?? whole));

/** `step 3/10 · best 63% · 412 calls · 51k tokens` (the step part reads `scoring the prompt` before step 1). */
export function formatProgress(progress: RunProgress, t: Localize = plain): string {
  const step = progress.step === 0 ? t('scoring the prompt') : t('step {0}/{1}', progress.step, progress.totalSteps);
  const best = progress.bestScore === undefined ? '' : ' · ' + t('best {0}%', Math.round(progress.bestScore * 100));
  return `${step}${best} · ${t('{0} calls', progress.calls)} · ${t('{0} tokens', formatCount(progress.tokens))}`;
}

/** 950 -> `950`, 51_234 -> `51k`, 1_250_000 -> `1.3M`. */
export function formatCount(n: number): string {
  if (n < 1000) {
    return String(n);
  }
  if (n < 1_000_000) {
    return `${Math.round(n / 1000)}k`;
  }
  return `${(n / 1_000_000).toFixed(1)}M`;
}

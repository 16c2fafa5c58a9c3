import * as vscode from 'vscode';
import { DatasetError, isCancellation, isOproError, type OproError } from '../../core/errors';
import { COMMAND_IDS } from '../commandIds';
import { LanguageModelRefusal } from '../models/languageModelErrors';
import { SETTING_KEYS } from '../settingKeys';
import { API_KEY_SECRET } from '../secrets';

/** A button on an error toast: the command it runs. */
export interface ErrorAction {
  title: string;
  command: string;
  arguments?: unknown[];
}

/** What the failed work was, so the toast can offer to do it again. */
export interface ErrorContext {
  /** Runs the failed work again (resumes the run, re-runs the command); offered where retrying can help. */
  retry?: ErrorAction;
}

/** What the user reads: one sentence on what failed and what to do, and buttons that do it. */
export interface ErrorDescription {
  message: string;
  actions: ErrorAction[];
}

const t = vscode.l10n.t;
const setApiKey = (): ErrorAction => ({ title: t('Set API Key'), command: COMMAND_IDS.setApiKey });
const selectModels = (): ErrorAction => ({ title: t('Select Models'), command: COMMAND_IDS.selectModels });
const showLog = (): ErrorAction => ({ title: t('Show Log'), command: COMMAND_IDS.showLog });
const manageTrust = (): ErrorAction => ({ title: t('Manage Workspace Trust'), command: 'workbench.trust.manage' });
const openSettings = (setting = 'opro'): ErrorAction => ({
  title: t('Open Settings'),
  command: 'workbench.action.openSettings',
  arguments: [setting.split(',')[0]?.trim() || 'opro'],
});

/**
 * Turns any error into the toast the user sees; undefined for a cancellation, which is not an
 * error. Core's `OproError` messages already name the endpoint, the model and the fix.
 */
export function describeError(err: unknown, context: ErrorContext = {}): ErrorDescription | undefined {
  if (isCancellation(err)) {
    return undefined;
  }
  if (!isOproError(err)) {
    const detail = err instanceof Error ? err.message : String(err);
    return { message: t('OPRO failed unexpectedly: {0}', detail), actions: [showLog()] };
  }
  if (err instanceof LanguageModelRefusal) {
    // Retrying asks for consent again, or resumes once the limit has passed: the user's fix.
    return { message: err.message, actions: [...(context.retry === undefined ? [] : [context.retry]), selectModels(), showLog()] };
  }
  return { message: err.message, actions: actionsFor(err) };
}

/** The Retry button of a toast: `command` with `args`. */
export function retryAction(command: string, ...args: unknown[]): ErrorAction {
  return { title: t('Retry'), command, arguments: args };
}

const ACTIONS: Record<OproError['kind'], (err: OproError) => ErrorAction[]> = {
  auth: (err) => (err.setting === API_KEY_SECRET ? [setApiKey(), showLog()] : [selectModels(), showLog()]),
  quota: () => [setApiKey(), showLog()],
  notFound: (err) => [selectModels(), openSettings(err.setting ?? SETTING_KEYS.scorerModel)],
  rateLimit: () => [openSettings(SETTING_KEYS.concurrency), showLog()],
  network: (err) => [openSettings(err.setting ?? SETTING_KEYS.baseUrl), showLog()],
  timeout: (err) => [openSettings(err.setting ?? SETTING_KEYS.baseUrl), showLog()],
  badResponse: (err) => [openSettings(err.setting ?? SETTING_KEYS.baseUrl), showLog()],
  dataset: (err) => datasetActions(err),
  config: (err) => configActions(err),
  storage: () => [showLog()],
  cancelled: () => [],
};

function actionsFor(err: OproError): ErrorAction[] {
  return ACTIONS[err.kind](err);
}

function configActions(err: OproError): ErrorAction[] {
  // Core says "not trusted" when a custom scorer would load workspace code in an untrusted workspace.
  if (/\bnot trusted\b/.test(err.message)) {
    return [manageTrust(), openSettings(SETTING_KEYS.metric)];
  }
  if (err.setting === SETTING_KEYS.provider) {
    return [setApiKey(), openSettings(SETTING_KEYS.provider)];
  }
  return [openSettings(err.setting), showLog()];
}

function datasetActions(err: OproError): ErrorAction[] {
  if (!(err instanceof DatasetError)) {
    return [showLog()];
  }
  const line = Math.max(0, (err.line ?? 1) - 1);
  const column = Math.max(0, (err.column ?? 1) - 1);
  const open: ErrorAction = {
    title: t('Open Dataset'),
    command: 'vscode.open',
    arguments: [vscode.Uri.file(err.file), { selection: new vscode.Range(line, column, line, column) }],
  };
  return [open, showLog()];
}

import * as vscode from 'vscode';
import { OproError, type OproErrorKind } from '../../core/errors';
import { SETTING_KEYS } from '../settingKeys';

/**
 * VS Code refused a request for a reason only the user can change: consent declined or revoked
 * (`NoPermissions`, kind `auth`), or the provider's limit reached (`Blocked`, kind `quota`). Both end
 * the run, never retried as a transient fault; the toast offers Retry (which asks for consent again,
 * or resumes once the limit has passed) and Select Models.
 */
export class LanguageModelRefusal extends OproError {
  constructor(kind: Extract<OproErrorKind, 'auth' | 'quota'>, message: string, options: { hint: string; cause: unknown }) {
    super(kind, `${message} ${options.hint}`, { ...options, setting: SETTING_KEYS.scorerModel });
    this.name = 'LanguageModelRefusal';
  }
}

/** Maps what `LanguageModelChat.sendRequest` throws to core's error kinds, with a fix for each; `model` names it for people. */
export function toLanguageModelError(err: unknown, model: string): OproError {
  const t = vscode.l10n.t;
  if (err instanceof OproError) {
    return err;
  }
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions().code) {
      const hint = t('Retry and choose "Allow" when VS Code asks, or pick another model with "OPRO: Select Models".');
      return new LanguageModelRefusal('auth', t('VS Code did not let OPRO use the language model {0}: access was refused or revoked.', model), { hint, cause: err });
    }
    if (err.code === vscode.LanguageModelError.Blocked().code) {
      const hint = t('Wait, then Retry (the run resumes where it stopped), or pick another model with "OPRO: Select Models".');
      return new LanguageModelRefusal('quota', t('The language model {0} refused the request: its provider\'s limit is reached.', model), { hint, cause: err });
    }
    if (err.code === vscode.LanguageModelError.NotFound().code) {
      const hint = t('Run "OPRO: Select Models" to pick an available model.');
      return new OproError('notFound', t('The language model {0} is not available. {1}', model, hint), { hint, setting: SETTING_KEYS.scorerModel, cause: err });
    }
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new OproError('badResponse', t('The language model {0} failed: {1}', model, detail), { cause: err });
}

import * as vscode from 'vscode';
import { OproError } from '../../core/errors';
import { SETTING_KEYS } from '../settingKeys';

/** Maps what `LanguageModelChat.sendRequest` throws to core's error kinds, with a fix for each. */
export function toLanguageModelError(err: unknown, model: string): OproError {
  const t = vscode.l10n.t;
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions().code) {
      const hint = t('Run the command again and allow access when VS Code asks, or choose another provider in opro.provider.');
      return new OproError('auth', t('Consent to use the language model {0} was refused. {1}', model, hint), { hint, setting: SETTING_KEYS.provider, cause: err });
    }
    if (err.code === vscode.LanguageModelError.NotFound().code) {
      const hint = t('Run "OPRO: Select Models" to pick an available model.');
      return new OproError('notFound', t('The language model {0} is not available. {1}', model, hint), { hint, setting: SETTING_KEYS.scorerModel, cause: err });
    }
    if (err.code === vscode.LanguageModelError.Blocked().code) {
      const hint = t('The model provider limits how many requests you may send; lower opro.concurrency, wait, then resume the run.');
      return new OproError('rateLimit', t('The language model {0} refused the request (limit reached). {1}', model, hint), { hint, setting: SETTING_KEYS.concurrency, cause: err });
    }
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new OproError('badResponse', t('The language model {0} failed: {1}', model, detail), { cause: err });
}

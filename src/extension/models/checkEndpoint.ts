import * as vscode from 'vscode';
import { OproError } from '../../core/errors';
import { SETTING_KEYS } from '../settingKeys';
import type { ModelSetup } from './resolveModels';

/** How long the reachability check waits. */
const CHECK_TIMEOUT_MS = 5000;

/**
 * Fails fast, before any question or run, when the endpoint does not answer at all: the engine
 * counts a failed request as a wrong answer, so an unreachable server would otherwise look like a
 * prompt that scores 0%. Any HTTP answer (even 401 or 404) counts as reachable.
 */
export async function checkEndpoint(setup: ModelSetup): Promise<void> {
  if (setup.provider === 'vscode-lm' || setup.baseUrl === undefined) {
    return;
  }
  const t = vscode.l10n.t;
  const hint = t('Is the server running? Check {0}.', SETTING_KEYS.baseUrl);
  try {
    await fetch(`${setup.baseUrl}/models`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') {
      throw new OproError('timeout', t('{0} did not answer within {1} s. {2}', setup.baseUrl, CHECK_TIMEOUT_MS / 1000, hint), { hint, setting: SETTING_KEYS.baseUrl, cause: err });
    }
    const reason = causeCode(err) === 'ECONNREFUSED' ? t('connection refused') : t('host unreachable ({0})', causeCode(err) ?? String(err));
    throw new OproError('network', t('Could not reach {0}: {1}. {2}', setup.baseUrl, reason, hint), { hint, setting: SETTING_KEYS.baseUrl, cause: err });
  }
}

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

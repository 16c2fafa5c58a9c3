import { APIError } from 'openai';
import { OproError } from '../errors';
import { suggestBaseUrls } from './baseUrlSuggestions';
import { BAD_PORT, findErrorCode, NotChatCompletionError, type FailureClass } from './retryPolicy';

/** What an error message may mention about the call that failed. Holds the key only to scrub it. */
export interface FailureContext {
  /** The endpoint as the user configured it (or the default), without credentials. */
  baseUrl: string;
  model: string;
  /** Used only to redact the key should a server echo it back. */
  apiKey?: string;
  /** Attempts made, including the first. */
  attempts: number;
  timeoutMs: number;
  /** The setting that picked this model. @default 'opro.scorerModel, opro.optimizerModel' */
  modelSetting?: string;
}

/** The extension's SecretStorage key for the API key: `describeError` maps it to the "Set API Key" action. Not a setting, so no message names it. */
const KEY_SETTING = 'opro.apiKey';
const URL_SETTING = 'opro.baseUrl';
const KEY_HINT = 'In VS Code run "OPRO: Set API Key"; for the CLI set OPENAI_API_KEY (or pass --api-key).';
const URL_HINT = 'Check opro.baseUrl / --base-url.';
const MAX_SERVER_TEXT = 200;
/** The settings that may have picked a model, when the client was not told which. */
export const MODEL_SETTINGS = 'opro.scorerModel, opro.optimizerModel';
const MODEL_FLAGS: Record<string, string> = { 'opro.scorerModel': '--scorer-model', 'opro.optimizerModel': '--optimizer-model', 'opro.judge.model': '--judge-model' };

/** The model setting and its CLI flag, as messages name them: `opro.scorerModel / --scorer-model`. */
export function modelSettingNames(setting = MODEL_SETTINGS): string {
  const settings = setting.split(',').map((name) => name.trim());
  const flags = settings.map((name) => MODEL_FLAGS[name]).filter((flag): flag is string => flag !== undefined);
  return [...settings, ...flags].join(' / ');
}

/** Removes anything that looks like an API key from text a server sent back, and shortens it. */
export function redactSecrets(text: string, apiKey?: string): string {
  let out = text;
  if (apiKey !== undefined && apiKey.length >= 4) {
    out = out.split(apiKey).join('[redacted]');
  }
  out = out.replace(/\bsk-[A-Za-z0-9_*.-]{6,}/g, '[redacted]').replace(/\bBearer\s+\S+/g, 'Bearer [redacted]');
  return out.length > MAX_SERVER_TEXT ? `${out.slice(0, MAX_SERVER_TEXT)}…` : out;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof APIError ? err.status : undefined;
}

function serverText(err: unknown, ctx: FailureContext): string {
  const raw = err instanceof Error ? err.message : String(err);
  return redactSecrets(raw, ctx.apiKey);
}

function retriesText(ctx: FailureContext): string {
  const retries = ctx.attempts - 1;
  return retries === 1 ? '1 retry' : `${retries} retries`;
}

function unreachableReason(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case BAD_PORT:
      return 'the port is one fetch refuses to use ("bad port"), pick another port';
    default:
      return `host unreachable (${code ?? 'unknown'})`;
  }
}

type Builder = (err: unknown, ctx: FailureContext) => OproError;

const BUILDERS: Record<Exclude<FailureClass, 'cancelled'>, Builder> = {
  auth: (err, ctx) => {
    const status = statusOf(err);
    return new OproError('auth', `The endpoint at ${ctx.baseUrl} rejected the API key (${status ?? 401}). ${KEY_HINT}`, {
      hint: KEY_HINT,
      setting: KEY_SETTING,
      status,
      cause: err,
    });
  },
  notFound: (err, ctx) => {
    const setting = ctx.modelSetting ?? MODEL_SETTINGS;
    const hint = `Check the model setting (${modelSettingNames(setting)}).`;
    return new OproError('notFound', `Model \`${ctx.model}\` was not found at ${ctx.baseUrl}. ${hint}`, {
      hint,
      setting,
      status: statusOf(err),
      cause: err,
    });
  },
  quota: (err, ctx) => {
    const hint = 'Add credit to the account, or use another key or endpoint.';
    const message = `The account behind the API key for ${ctx.baseUrl} has no quota left (429 insufficient_quota). ${hint}`;
    return new OproError('quota', message, { hint, setting: KEY_SETTING, status: 429, cause: err });
  },
  rateLimit: (err, ctx) => {
    const hint = 'Lower the concurrency setting, wait a minute, then resume the run.';
    const message = `${ctx.baseUrl} kept answering 429 (rate limit) for model \`${ctx.model}\` after ${retriesText(ctx)}. ${hint}`;
    return new OproError('rateLimit', message, { hint, status: 429, cause: err });
  },
  server: (err, ctx) => {
    const status = statusOf(err);
    const hint = 'The server is failing; try again later or use another endpoint.';
    const message = `The endpoint at ${ctx.baseUrl} failed with status ${status ?? '5xx'} after ${retriesText(ctx)}: ${serverText(err, ctx)}. ${hint}`;
    return new OproError('badResponse', message, { hint, status, cause: err });
  },
  timeout: (err, ctx) => {
    const hint = `Check that the server is running and not overloaded, or raise the timeout. ${URL_HINT}`;
    const message = `${ctx.baseUrl} did not answer within ${ctx.timeoutMs} ms (${ctx.attempts} attempts). ${hint}`;
    return new OproError('timeout', message, { hint, setting: URL_SETTING, cause: err });
  },
  connection: (err, ctx) => {
    const hint = `Check the network connection. ${URL_HINT}`;
    const message = `Lost the connection to ${ctx.baseUrl} after ${retriesText(ctx)} (${serverText(err, ctx)}). ${hint}`;
    return new OproError('network', message, { hint, setting: URL_SETTING, cause: err });
  },
  refused: (err, ctx) => {
    const reason = unreachableReason(findErrorCode(err));
    const hint = `Is the server running? ${URL_HINT}`;
    return new OproError('network', `Could not reach ${ctx.baseUrl}: ${reason}. ${hint}`, {
      hint,
      setting: URL_SETTING,
      cause: err,
    });
  },
  malformed: (err, ctx) => {
    const hint = `Check that opro.baseUrl / --base-url points to an OpenAI-compatible /v1 endpoint.`;
    const message = `The endpoint at ${ctx.baseUrl} returned a malformed chat completion for model \`${ctx.model}\` (${ctx.attempts} attempts). ${hint}`;
    return new OproError('badResponse', message, { hint, setting: URL_SETTING, cause: err });
  },
  notChat: (err, ctx) => {
    const suggestion = suggestBaseUrls(ctx.baseUrl)[0];
    const hint =
      suggestion === undefined
        ? 'Check opro.baseUrl / --base-url: OpenAI-compatible servers answer under their /v1 path (e.g. http://localhost:11434/v1).'
        : `Set opro.baseUrl / --base-url to the server's OpenAI-compatible base URL, probably ${suggestion}.`;
    const detail = err instanceof NotChatCompletionError ? redactSecrets(err.detail, ctx.apiKey) : 'something else';
    const message = `${ctx.baseUrl} is not an OpenAI-compatible endpoint: POST ${ctx.baseUrl}/chat/completions answered 200 with ${detail}. ${hint}`;
    return new OproError('config', message, { hint, setting: URL_SETTING, cause: err });
  },
  request: (err, ctx) => {
    const status = statusOf(err);
    const hint = 'Check the model, temperature and max tokens settings for this endpoint.';
    const message = `The endpoint at ${ctx.baseUrl} rejected the request (${status ?? 'no status'}): ${serverText(err, ctx)}. ${hint}`;
    return new OproError('config', message, { hint, status, cause: err });
  },
};

/**
 * Turns the last failure of a call into the `OproError` core throws: a message that names the
 * endpoint, the model and the setting to fix, and never the key or the prompt.
 */
export function toOproError(failure: Exclude<FailureClass, 'cancelled'>, err: unknown, ctx: FailureContext): OproError {
  return BUILDERS[failure](err, ctx);
}

/** The error for a request that needs a key but has none, raised before anything is sent. */
export function missingKeyError(baseUrl: string): OproError {
  const hint = 'Set OPENAI_API_KEY, or run "OPRO: Set API Key".';
  return new OproError('auth', `No API key is set for ${baseUrl}. ${hint}`, { hint, setting: KEY_SETTING });
}

function formatWait(ms: number): string {
  if (ms >= 3_600_000) {
    return `${(ms / 3_600_000).toFixed(1)} h`;
  }
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`;
}

/**
 * The error for a rate limit that resets later than a run waits (a per-day limit): it stops the
 * run (like a spent quota) instead of failing every example one by one.
 */
export function rateLimitTooLongError(ctx: FailureContext, waitMs: number, patienceMs: number): OproError {
  const hint = `Resume the run once the limit has reset (in ${formatWait(waitMs)}), or use another key or endpoint.`;
  const message = `${ctx.baseUrl} asks to wait ${formatWait(waitMs)} before the next request for model \`${ctx.model}\` (its rate limit resets then), longer than a run waits for it (${formatWait(patienceMs)}). ${hint}`;
  return new OproError('quota', message, { hint, status: 429 });
}

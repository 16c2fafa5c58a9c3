import type OpenAI from 'openai';
import type { OproError } from '../errors';
import type { Clock } from './clock';
import type { ModelFamily } from './modelFamily';
import type { FailureContext } from './openaiErrors';
import type { ProviderQuirks } from './providerProfiles';
import type { RequestQueue } from './requestQueue';
import type { ClientNote, ModelConfig, ParameterStore, RequestLogEntry } from './types';

/** Everything one client's calls share. */
export interface CallContext {
  sdk: OpenAI;
  limiter: RequestQueue;
  clock: Clock;
  config: ModelConfig;
  baseUrl: string;
  /** `LlmClient.id`: endpoint and model; the key of its learned parameter fixes. */
  clientId: string;
  family: ModelFamily;
  quirks: ProviderQuirks;
  parameters: ParameterStore;
  timeoutMs: number;
  maxRetries: number;
  /** See `DEFAULT_RATE_LIMIT_PATIENCE_MS`. */
  rateLimitPatienceMs: number;
  backoffBaseMs: number;
  modelSetting: string | undefined;
  onLog: (entry: RequestLogEntry) => void;
  onNote: (note: ClientNote) => void;
  /** Notes already given, so each is said once per client. */
  noted: Set<string>;
  /** The diagnosis of this client's first 404, shared by the calls that fail with it. */
  notFoundDiagnosis?: Promise<OproError>;
}

export function log(ctx: CallContext, entry: Omit<RequestLogEntry, 'model'>): void {
  try {
    ctx.onLog({ model: ctx.config.model, ...entry });
  } catch {
    // A failing log sink must not fail the request.
  }
}

/** Tells the run something about this model once (and the log, as a `note` line). */
export function note(ctx: CallContext, kind: ClientNote['kind'], message: string): void {
  if (ctx.noted.has(message)) {
    return;
  }
  ctx.noted.add(message);
  log(ctx, { attempt: 0, durationMs: 0, outcome: 'note', message });
  try {
    ctx.onNote({ kind, clientId: ctx.clientId, message });
  } catch {
    // A failing listener must not fail the request.
  }
}

export function errorContext(ctx: CallContext, attempts: number): FailureContext {
  return {
    baseUrl: ctx.baseUrl,
    model: ctx.config.model,
    apiKey: ctx.config.apiKey,
    attempts,
    timeoutMs: ctx.timeoutMs,
    modelSetting: ctx.modelSetting,
  };
}

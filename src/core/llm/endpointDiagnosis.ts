import { APIError, type OpenAI } from 'openai';
import { OproError } from '../errors';
import { MODEL_SETTINGS, modelSettingNames, type FailureContext } from './openaiErrors';
import { hasVersion, suggestBaseUrls } from './baseUrlSuggestions';

/** What `GET {baseUrl}/models` said: the model ids, no such route (404, 405, not a model list), or nothing usable (401, timeout…). */
export type ModelListing = { kind: 'listed'; ids: string[] } | { kind: 'absent'; status?: number } | { kind: 'unknown' };

/** Lists the models at a base URL; never throws. */
export type ListModels = (baseUrl: string) => Promise<ModelListing>;

/** Model ids named in a "not available" message; the rest are counted. */
const LISTED_IDS = 12;
const URL_SETTING = 'opro.baseUrl';
const URL_FLAG = 'opro.baseUrl / --base-url';

/** Reads a `/models` answer: OpenAI's `{ data: [{ id }] }` (Ollama, vLLM, LM Studio, every router) or a bare array of them. */
export function readModelList(body: unknown): ModelListing {
  const data = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) {
    return { kind: 'absent' };
  }
  const ids = data.map((entry: { id?: unknown } | null) => entry?.id).filter((id): id is string => typeof id === 'string');
  return ids.length === 0 && data.length > 0 ? { kind: 'absent' } : { kind: 'listed', ids };
}

/** The listing an error from the SDK's `models.list()` stands for. */
export function listingFromError(err: unknown): ModelListing {
  if (err instanceof APIError && (err.status === 404 || err.status === 405)) {
    return { kind: 'absent', status: err.status };
  }
  return { kind: 'unknown' };
}

/** What the 404 diagnosis needs besides the failed call's context. */
export interface NotFoundInput {
  err: unknown;
  ctx: FailureContext;
  listModels: ListModels;
}

/**
 * Tells a 404 on the path from an unknown model, by asking the endpoint which models it has.
 * - `/models` lists models but not this one: `notFound`, naming the model, the setting and (some of) the models there are.
 * - `/models` lists the model: the chat path is what is missing, so `config` on `opro.baseUrl`.
 * - The 404 itself names the model (`model_not_found`, or its name in the text): the plain "model not found".
 * - `/models` is absent too, or the base URL lacks a version path (`/v1`): `config` on `opro.baseUrl`, with
 *   the base URL to try (said to be checked when it answers `/models`).
 * - Nothing else can be learned (401, timeout): the plain "model not found".
 */
export async function diagnoseNotFound(input: NotFoundInput, plain: () => OproError): Promise<OproError> {
  const { ctx } = input;
  const listing = await input.listModels(ctx.baseUrl);
  if (listing.kind === 'listed') {
    return listing.ids.some((id) => id.toLowerCase() === ctx.model.toLowerCase()) ? chatPathMissing(input) : unknownModel(input, listing.ids);
  }
  if (namesModel(input.err, ctx.model)) {
    return plain();
  }
  if (listing.kind === 'absent' || !hasVersion(pathOf(ctx.baseUrl))) {
    return wrongBaseUrl(input, listing);
  }
  return plain();
}

/** True when a 404 says the model is what is missing. */
function namesModel(err: unknown, model: string): boolean {
  if (!(err instanceof APIError)) {
    return false;
  }
  return err.code === 'model_not_found' || err.message.includes(model);
}

function pathOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).pathname;
  } catch {
    return '';
  }
}

function unknownModel({ err, ctx }: NotFoundInput, ids: string[]): OproError {
  const setting = ctx.modelSetting ?? MODEL_SETTINGS;
  const hint = `Set ${modelSettingNames(setting)} to a model it lists.`;
  const ranked = rankByLikeness(ids, ctx.model);
  const shown = ranked.slice(0, LISTED_IDS).map((id) => `\`${id}\``).join(', ');
  const more = ranked.length > LISTED_IDS ? ` and ${ranked.length - LISTED_IDS} more` : '';
  const available = ids.length === 0 ? 'it lists no models at all (GET /models is empty)' : `it has ${shown}${more}`;
  const message = `Model \`${ctx.model}\` is not available at ${ctx.baseUrl}: ${available}. ${hint}`;
  return new OproError('notFound', message, { hint, setting, status: statusOf(err), cause: err });
}

/** Ids sharing the most leading characters with `model` first, then in the server's order. */
function rankByLikeness(ids: string[], model: string): string[] {
  const wanted = model.toLowerCase();
  const shared = (id: string): number => {
    const name = id.toLowerCase();
    let i = 0;
    while (i < name.length && i < wanted.length && name[i] === wanted[i]) {
      i++;
    }
    return i >= 3 ? i : 0;
  };
  return ids.map((id, index) => ({ id, index, score: shared(id) })).sort((a, b) => b.score - a.score || a.index - b.index).map((e) => e.id);
}

async function firstAnswering(candidates: string[], listModels: ListModels): Promise<string | undefined> {
  for (const candidate of candidates) {
    if ((await listModels(candidate)).kind === 'listed') {
      return candidate;
    }
  }
  return undefined;
}

async function wrongBaseUrl({ err, ctx, listModels }: NotFoundInput, listing: ModelListing): Promise<OproError> {
  const candidates = suggestBaseUrls(ctx.baseUrl);
  const checked = await firstAnswering(candidates, listModels);
  const suggestion = checked ?? candidates[0];
  const hint =
    suggestion === undefined
      ? `Set ${URL_FLAG} to the endpoint's OpenAI-compatible base URL (the one that ends before /chat/completions).`
      : `Set ${URL_FLAG} to ${suggestion}${checked === undefined ? '' : ' (it answers GET /models)'}.`;
  const modelsSaid = listing.kind === 'absent' ? ` and GET ${ctx.baseUrl}/models answered ${listing.status ?? 'something that is not a model list'}` : '';
  const message = `The base URL ${ctx.baseUrl} is probably wrong: POST ${ctx.baseUrl}/chat/completions answered 404${modelsSaid}. ${hint}`;
  return new OproError('config', message, { hint, setting: URL_SETTING, status: statusOf(err), cause: err });
}

async function chatPathMissing(input: NotFoundInput): Promise<OproError> {
  const { err, ctx } = input;
  const candidates = suggestBaseUrls(ctx.baseUrl).filter((c) => c !== ctx.baseUrl);
  const suggestion = await firstAnswering(candidates, input.listModels);
  const hint = `Set ${URL_FLAG} to the base URL under which the server answers /chat/completions${suggestion === undefined ? '' : `, probably ${suggestion}`}.`;
  const message = `${ctx.baseUrl} lists model \`${ctx.model}\` at GET /models, but POST ${ctx.baseUrl}/chat/completions answered 404: the base URL is probably wrong or the server has no chat completions. ${hint}`;
  return new OproError('config', message, { hint, setting: URL_SETTING, status: statusOf(err), cause: err });
}

function statusOf(err: unknown): number | undefined {
  return err instanceof APIError ? err.status : undefined;
}

/** A `ListModels` over the client's own SDK (its key, headers and transport), asking each base URL once with a short timeout. */
export function sdkModelLister(sdk: OpenAI, options: { signal?: AbortSignal; timeoutMs: number }): ListModels {
  return async (baseUrl) => {
    try {
      const response = await sdk.withOptions({ baseURL: baseUrl }).models.list({ signal: options.signal, timeout: options.timeoutMs, maxRetries: 0 }).asResponse();
      const text = await response.text();
      try {
        return readModelList(JSON.parse(text));
      } catch {
        // An HTML page or other text where the model list should be.
        return { kind: 'absent' };
      }
    } catch (err) {
      return listingFromError(err);
    }
  };
}

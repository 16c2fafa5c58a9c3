import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ChatMessage } from '../../src/core/llm/types';
import { createRandom, type Random } from '../../src/core/random';
import { FakeRateLimits, type FakeRateLimitOptions } from './fakeRateLimits';
import { unknownModel, unknownRoute, wrongContent, type NotFoundStyle, type RawAnswer, type WrongContent } from './fakeEndpoints';
import { choicesFor, REASONING_TOKENS, refusalFor, shapeChoice, type FakeProvider, type Refusal } from './fakeProviders';
import { answerOptimizer, answerScorer, isOptimizerRequest, padAnswer } from './syntheticTask';

/** A fault the server injects instead of a normal answer. */
export type FaultKind = '500' | '503' | '429' | 'drop' | 'stall' | 'malformed';

export interface FaultOptions {
  /** Share of accepted requests that get a fault, 0..1. */
  rate: number;
  kinds: FaultKind[];
  /** Seeds the fault draws, so a test sees the same faults every run. @default 1 */
  seed?: number;
}

export interface FakeServerOptions {
  /** The key clients must send (bearer token or Azure `api-key`); `null` accepts any or none. @default 'test-key' */
  apiKey?: string | null;
  /** Models that exist; unset accepts any name not starting with `missing`. */
  models?: string[];
  /** Every completion answers 429 `insufficient_quota`. @default false */
  quotaExhausted?: boolean;
  /** Delay before each answer, in ms. @default 0 */
  latencyMs?: number;
  /** Requests handled at once; more get 429 with a retry-after. @default unlimited */
  maxInFlight?: number;
  /** Accepted requests per sliding window; more get 429 with the wait until a slot frees. @default unlimited */
  requestsPerMinute?: number;
  /** The sliding window for `requestsPerMinute`, in ms (shrink it in tests). @default 60000 */
  rateWindowMs?: number;
  /** Which header carries the wait on a 429 (`retry-after` in whole seconds; `none` sends no wait). @default 'retry-after-ms' */
  retryAfterHeader?: 'retry-after' | 'retry-after-ms' | 'none';
  /** The wait advertised for `maxInFlight` and injected 429s, in ms. @default 200 */
  retryAfterMs?: number;
  faults?: FaultOptions;
  /**
   * Request and token allowances that refill continuously, reported on every response in OpenAI's
   * or Anthropic's rate-limit headers; a request over them gets OpenAI's 429 (see fakeRateLimits.ts).
   * @default none
   */
  rateLimits?: FakeRateLimitOptions;
  /** Which provider's refusals and quirks to emulate (see fakeProviders.ts). @default 'openai' */
  provider?: FakeProvider;
  /**
   * Models that behave as OpenAI reasoning models: `max_tokens` and temperatures other than 1 are
   * refused with OpenAI's 400s, reasoning tokens (by `reasoning_effort`) count against
   * `max_completion_tokens`. @default none
   */
  reasoningModels?: string[];
  /** Pads each scorer answer with digit-free reasoning to about this many characters (the paper's step-by-step answers). @default 0 */
  answerChars?: number;
  /** The optimizer proposes a new variant of the best instruction on every draw, of bounded length, so long runs never run dry. @default false */
  distinctProposals?: boolean;
  /**
   * The path the API lives under, e.g. `/v1`: requests elsewhere get a 404 in `notFoundStyle`, as a
   * base URL without `/v1` does. @default any path ending in /chat/completions or /models
   */
  routePrefix?: string;
  /** Whose 404 bodies to send for unknown paths and models (see fakeEndpoints.ts). @default 'openai' */
  notFoundStyle?: NotFoundStyle;
  /** `/models` is not served (a 404 in `notFoundStyle`), as on servers without a model list. @default false */
  hasNoModelList?: boolean;
  /** `/chat/completions` is not served, as on an embeddings-only server that still lists its model. @default false */
  hasNoChat?: boolean;
  /** Every completion answers 200 with this instead (an HTML page, JSON of another API). @default none */
  wrongContent?: WrongContent;
  /** The model the completions name, instead of the one asked for (e.g. a dated version). @default the model asked for */
  answerModel?: string;
  /**
   * OpenAI's prompt caching: a prompt of at least 1024 tokens that was sent before is served from the
   * cache in 128-token blocks, reported as `usage.prompt_tokens_details.cached_tokens`. @default false
   */
  promptCaching?: boolean;
}

/** One request as the server saw it (never the key or the prompt). */
export interface RecordedRequest {
  role: 'scorer' | 'optimizer';
  model: string;
  temperature: number | undefined;
  maxTokens: number | undefined;
  seed: number | undefined;
  /** The body's parameters besides model and messages, sorted (`max_completion_tokens`, `n`, …). */
  params: string[];
  n: number | undefined;
  reasoningEffort: string | undefined;
  /** The prompt tokens the request was billed (`usage.prompt_tokens`). */
  promptTokens: number;
}

/** A request the server refused for a parameter, in arrival order. */
export interface RefusedRequest {
  model: string;
  status: number;
  params: string[];
}

export interface FakeServerStats {
  /** POSTs to /v1/chat/completions. */
  requests: number;
  byStatus: Record<number, number>;
  dropped: number;
  stalled: number;
  /** Requests being handled now, and the peak since the last reset. */
  inFlight: number;
  maxInFlight: number;
  /** 200 answers by role. */
  completions: { scorer: number; optimizer: number };
  promptTokens: number;
  completionTokens: number;
  /** The successful requests, in order (at most 10 000). */
  answered: RecordedRequest[];
  /** Requests refused for a parameter (the provider's 400/422), in order. */
  refused: RefusedRequest[];
  /** Choices answered with `finish_reason: "length"`. */
  truncated: number;
  /** Tokens the accepted requests counted toward `rateLimits` (prompt + max tokens × n). */
  countedTokens: number;
  /** GETs answered with the model list. */
  modelListings: number;
}

export interface FakeServer {
  /** Base URL for the `openai` client, e.g. `http://127.0.0.1:51234/v1`. */
  readonly url: string;
  readonly stats: FakeServerStats;
  setOptions(options: Partial<FakeServerOptions>): void;
  resetStats(): void;
  /** Stops listening and destroys every open socket, stalled ones included. */
  close(): Promise<void>;
}

interface ChatBody {
  model?: unknown;
  messages?: unknown;
  temperature?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  seed?: unknown;
  n?: unknown;
  reasoning_effort?: unknown;
}

const MAX_RECORDED = 10_000;

function emptyStats(): FakeServerStats {
  return {
    requests: 0,
    byStatus: {},
    dropped: 0,
    stalled: 0,
    inFlight: 0,
    maxInFlight: 0,
    completions: { scorer: 0, optimizer: 0 },
    promptTokens: 0,
    completionTokens: 0,
    answered: [],
    refused: [],
    truncated: 0,
    countedTokens: 0,
    modelListings: 0,
  };
}

function paramsOf(body: ChatBody): string[] {
  return Object.keys(body).filter((key) => key !== 'model' && key !== 'messages').sort();
}

/** Approximate token count used in `usage`: a quarter of the characters, rounded up. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

class FakeLlmServer {
  options: FakeServerOptions;
  stats = emptyStats();
  readonly sockets = new Set<Socket>();
  readonly timers = new Set<NodeJS.Timeout>();
  /** Hashes of the prompts answered so far (`promptCaching`). */
  private readonly seenPrompts = new Set<string>();
  accepted: number[] = [];
  limits: FakeRateLimits | undefined;
  random: Random;
  counter = 0;

  constructor(options: FakeServerOptions) {
    this.options = options;
    this.random = createRandom(options.faults?.seed ?? 1);
    this.limits = options.rateLimits === undefined ? undefined : new FakeRateLimits(options.rateLimits, Date.now());
  }

  setOptions(partial: Partial<FakeServerOptions>): void {
    this.options = { ...this.options, ...partial };
    if ('rateLimits' in partial) {
      this.limits = partial.rateLimits === undefined ? undefined : new FakeRateLimits(partial.rateLimits, Date.now());
    }
    if (partial.faults !== undefined) {
      this.random = createRandom(partial.faults.seed ?? 1);
    }
  }

  send(res: ServerResponse, status: number, body: unknown): void {
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
    sendJson(res, status, body);
  }

  sendRaw(res: ServerResponse, answer: RawAnswer): void {
    this.stats.byStatus[answer.status] = (this.stats.byStatus[answer.status] ?? 0) + 1;
    if (!res.destroyed) {
      res.writeHead(answer.status, { 'content-type': answer.contentType });
      res.end(answer.body);
    }
  }

  /** Whether `path` is the route `suffix` under `routePrefix` (any prefix when unset, so Azure's deployment paths work). */
  isRoute(path: string, suffix: string): boolean {
    const prefix = this.options.routePrefix;
    return prefix === undefined ? path.endsWith(suffix) : path === `${prefix}${suffix}`;
  }

  sendError(res: ServerResponse, status: number, error: { message: string; type: string; code: string | null }): void {
    this.send(res, status, { error: { ...error, param: null } });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '';
    const path = url.split('?')[0] ?? '';
    // Any prefix, so Azure-style `/openai/deployments/<name>/chat/completions` works too.
    const isCompletion = req.method === 'POST' && this.isRoute(path, '/chat/completions') && this.options.hasNoChat !== true;
    if (req.method === 'POST' && path.endsWith('/chat/completions')) {
      this.trackInFlight(res);
    }
    if (!this.isAuthorized(req)) {
      this.sendError(res, 401, { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' });
    } else if (req.method === 'GET' && this.isRoute(path, '/models') && this.options.hasNoModelList !== true) {
      this.stats.modelListings += 1;
      this.send(res, 200, { object: 'list', data: this.listModels().map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
    } else if (isCompletion) {
      await this.handleCompletion(req, res);
    } else {
      this.sendRaw(res, unknownRoute(this.options.notFoundStyle ?? 'openai', req.method ?? 'GET', path));
    }
  }

  isAuthorized(req: IncomingMessage): boolean {
    const expected = this.options.apiKey === undefined ? 'test-key' : this.options.apiKey;
    // Azure clients send the key as `api-key` instead of a bearer token.
    return expected === null || req.headers.authorization === `Bearer ${expected}` || req.headers['api-key'] === expected;
  }

  listModels(): string[] {
    return this.options.models ?? ['fake-scorer', 'fake-optimizer'];
  }

  hasModel(model: string): boolean {
    return this.options.models === undefined ? !model.startsWith('missing') : this.options.models.includes(model);
  }

  trackInFlight(res: ServerResponse): void {
    this.stats.requests += 1;
    this.stats.inFlight += 1;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    res.once('close', () => {
      this.stats.inFlight -= 1;
    });
  }

  async handleCompletion(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (body === undefined) {
      this.sendError(res, 400, { message: 'The body is not valid JSON.', type: 'invalid_request_error', code: null });
      return;
    }
    this.answerCompletion(body, res);
  }

  answerCompletion(body: ChatBody, res: ServerResponse): void {
    const model = typeof body.model === 'string' ? body.model : '';
    if (!this.hasModel(model)) {
      this.sendRaw(res, unknownModel(this.options.notFoundStyle ?? 'openai', model));
    } else if (this.options.wrongContent !== undefined) {
      this.sendRaw(res, wrongContent(this.options.wrongContent, model));
    } else if (this.refuse(model, body, res)) {
      return;
    } else if (this.options.quotaExhausted === true) {
      this.sendError(res, 429, { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' });
    } else if (!this.admit(res) || !this.admitTokens(body, res)) {
      return;
    } else if (!this.injectFault(res, model)) {
      this.delay(() => this.sendCompletion(body, model, res));
    }
  }

  isReasoning(model: string): boolean {
    return this.options.reasoningModels?.includes(model) === true;
  }

  /** Answers the provider's refusal of a parameter in `body`; true when it did. */
  refuse(model: string, body: ChatBody, res: ServerResponse): boolean {
    const refusal: Refusal | undefined = refusalFor(this.options.provider ?? 'openai', body, this.isReasoning(model));
    if (refusal === undefined) {
      return false;
    }
    this.stats.refused.push({ model, status: refusal.status, params: paramsOf(body) });
    this.send(res, refusal.status, refusal.body);
    return true;
  }

  /** Applies `maxInFlight` and `requestsPerMinute`; answers 429 and returns false when over. */
  admit(res: ServerResponse): boolean {
    const { maxInFlight, requestsPerMinute } = this.options;
    if (maxInFlight !== undefined && this.stats.inFlight > maxInFlight) {
      this.sendRateLimit(res, this.options.retryAfterMs ?? 200);
      return false;
    }
    if (requestsPerMinute !== undefined) {
      const now = Date.now();
      const windowMs = this.options.rateWindowMs ?? 60_000;
      this.accepted = this.accepted.filter((time) => time > now - windowMs);
      const oldest = this.accepted[0];
      if (this.accepted.length >= requestsPerMinute && oldest !== undefined) {
        this.sendRateLimit(res, oldest + windowMs - now);
        return false;
      }
      this.accepted.push(now);
    }
    return true;
  }

  /** Applies `rateLimits`: every answer carries the headers, a request over the allowance gets OpenAI's 429. */
  admitTokens(body: ChatBody, res: ServerResponse): boolean {
    if (this.limits === undefined) {
      return true;
    }
    const cost = requestCost(body);
    const admission = this.limits.admit(Date.now(), cost);
    for (const [name, value] of Object.entries(admission.headers)) {
      res.setHeader(name, value);
    }
    if (admission.ok) {
      this.stats.countedTokens += cost;
      return true;
    }
    const message = `Rate limit reached for ${String(body.model)} on tokens per min (TPM): Requested ${cost}. Please try again in ${admission.waitMs}ms. Visit https://platform.openai.com/account/rate-limits to learn more.`;
    this.sendError(res, 429, { message, type: 'tokens', code: 'rate_limit_exceeded' });
    return false;
  }

  sendRateLimit(res: ServerResponse, waitMs: number): void {
    const wait = Math.max(1, Math.ceil(waitMs));
    const header = this.options.retryAfterHeader ?? 'retry-after-ms';
    if (header !== 'none') {
      res.setHeader(header, header === 'retry-after' ? String(Math.ceil(wait / 1000)) : String(wait));
    }
    this.sendError(res, 429, { message: 'Rate limit reached. Please try again later.', type: 'requests', code: 'rate_limit_exceeded' });
  }

  /** Draws a fault for this request; returns true when one was sent instead of an answer. */
  injectFault(res: ServerResponse, model: string): boolean {
    const faults = this.options.faults;
    if (faults === undefined || faults.kinds.length === 0 || this.random() >= faults.rate) {
      return false;
    }
    const kind = faults.kinds[Math.floor(this.random() * faults.kinds.length)];
    switch (kind) {
      case '500':
      case '503':
        this.sendError(res, Number(kind), { message: 'The server had an error processing your request.', type: 'server_error', code: null });
        break;
      case '429':
        this.sendRateLimit(res, this.options.retryAfterMs ?? 200);
        break;
      case 'drop':
        this.stats.dropped += 1;
        res.socket?.destroy();
        break;
      case 'stall':
        this.stats.stalled += 1;
        break;
      default:
        this.sendMalformed(res, model);
    }
    return true;
  }

  sendMalformed(res: ServerResponse, model: string): void {
    this.stats.byStatus[200] = (this.stats.byStatus[200] ?? 0) + 1;
    const isTruncated = this.random() < 0.5;
    res.writeHead(200, { 'content-type': 'application/json' });
    // A body cut on the way, or an upstream error passed on with status 200 (as routers do): both retried.
    res.end(isTruncated ? '{"id":"chatcmpl-broken","choices":[{"mess' : JSON.stringify({ error: { message: `upstream error for ${model}`, code: 502 } }));
  }

  delay(answer: () => void): void {
    const latency = this.options.latencyMs ?? 0;
    if (latency <= 0) {
      answer();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      answer();
    }, latency);
    this.timers.add(timer);
  }

  sendCompletion(body: ChatBody, model: string, res: ServerResponse): void {
    if (res.destroyed) {
      return;
    }
    const messages = toMessages(body.messages);
    const role = isOptimizerRequest(messages) ? 'optimizer' : 'scorer';
    const seed = typeof body.seed === 'number' ? body.seed : this.counter++;
    const last = messages[messages.length - 1]?.content ?? '';
    const count = choicesFor(this.options.provider ?? 'openai', body.n);
    const limit = numberOrUndefined(body.max_completion_tokens) ?? numberOrUndefined(body.max_tokens);
    const effort = typeof body.reasoning_effort === 'string' ? body.reasoning_effort : 'default';
    const reasoning = this.isReasoning(model) ? (REASONING_TOKENS[effort] ?? 0) : 0;
    const choices = Array.from({ length: count }, (_, i) => {
      const text = role === 'optimizer' ? answerOptimizer(last, seed + i, this.options.distinctProposals === true) : padAnswer(answerScorer(messages), this.options.answerChars ?? 0);
      return shapeChoice(text, { limit, reasoning, countTokens });
    });
    const promptText = messages.map((message) => message.content).join('');
    const promptTokens = countTokens(promptText);
    const cachedTokens = this.cachedTokensFor(promptText, promptTokens);
    const completionTokens = choices.reduce((sum, c) => sum + c.completionTokens, 0);
    const reasoningTokens = choices.reduce((sum, c) => sum + c.reasoningTokens, 0);
    this.stats.truncated += choices.filter((c) => c.finishReason === 'length').length;
    this.record({ role, model, body, promptTokens, completionTokens });
    this.send(res, 200, {
      id: `chatcmpl-fake-${this.stats.requests}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: this.options.answerModel ?? model,
      choices: choices.map((c, index) => ({ index, message: { role: 'assistant', content: c.content }, finish_reason: c.finishReason })),
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        ...(reasoning > 0 ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
        ...(cachedTokens > 0 ? { prompt_tokens_details: { cached_tokens: cachedTokens } } : {}),
      },
    });
  }

  /** Cached prompt tokens of a request under `promptCaching`: 128-token blocks of a prompt of ≥ 1024 tokens seen before. */
  private cachedTokensFor(prompt: string, tokens: number): number {
    if (this.options.promptCaching !== true) {
      return 0;
    }
    const key = createHash('sha256').update(prompt).digest('base64');
    const isSeen = this.seenPrompts.has(key);
    this.seenPrompts.add(key);
    return isSeen && tokens >= 1024 ? Math.floor(tokens / 128) * 128 : 0;
  }

  record(entry: { role: 'scorer' | 'optimizer'; model: string; body: ChatBody; promptTokens: number; completionTokens: number }): void {
    const { stats } = this;
    stats.completions[entry.role] += 1;
    stats.promptTokens += entry.promptTokens;
    stats.completionTokens += entry.completionTokens;
    if (stats.answered.length < MAX_RECORDED) {
      stats.answered.push({
        role: entry.role,
        model: entry.model,
        temperature: numberOrUndefined(entry.body.temperature),
        maxTokens: numberOrUndefined(entry.body.max_tokens) ?? numberOrUndefined(entry.body.max_completion_tokens),
        seed: numberOrUndefined(entry.body.seed),
        params: paramsOf(entry.body),
        n: numberOrUndefined(entry.body.n),
        reasoningEffort: typeof entry.body.reasoning_effort === 'string' ? entry.body.reasoning_effort : undefined,
        promptTokens: entry.promptTokens,
      });
    }
  }
}

/** What a request counts toward a tokens-per-minute limit, as OpenAI counts it: the prompt's tokens plus the completion it may use. */
export function requestCost(body: ChatBody): number {
  const prompt = countTokens(toMessages(body.messages).map((m) => m.content).join(''));
  const completion = numberOrUndefined(body.max_completion_tokens) ?? numberOrUndefined(body.max_tokens) ?? 0;
  const n = numberOrUndefined(body.n) ?? 1;
  return prompt + completion * n;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function toMessages(raw: unknown): ChatMessage[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  return raw.flatMap((item: { role?: unknown; content?: unknown }) =>
    typeof item?.content === 'string' ? [{ role: item.role === 'system' || item.role === 'assistant' ? item.role : 'user', content: item.content }] : [],
  );
}

async function readJson(req: IncomingMessage): Promise<ChatBody | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as ChatBody) : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (!res.destroyed) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

/** Starts the suite's OpenAI-compatible server on 127.0.0.1 (a random port). */
export async function startFakeLlmServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const fake = new FakeLlmServer(options);
  const server = createServer((req, res) => {
    fake.handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    fake.sockets.add(socket);
    socket.on('close', () => fake.sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get stats() {
      return fake.stats;
    },
    setOptions: (partial) => fake.setOptions(partial),
    resetStats: () => {
      fake.stats = { ...emptyStats(), inFlight: fake.stats.inFlight };
    },
    close: () => closeServer(server, fake),
  };
}

function closeServer(server: ReturnType<typeof createServer>, fake: FakeLlmServer): Promise<void> {
  for (const timer of fake.timers) {
    clearTimeout(timer);
  }
  fake.timers.clear();
  for (const socket of fake.sockets) {
    socket.destroy();
  }
  return new Promise((resolve) => server.close(() => resolve()));
}

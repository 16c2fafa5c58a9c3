import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessage, ChatResponse } from '../llm/types';

/** The file inside a cache directory that holds one JSON line per stored response. */
export const CACHE_FILE_NAME = 'responses.jsonl';

/** Everything that decides a model's answer, and nothing secret (no key, no headers). */
export interface CacheKeyInput {
  /** `LlmClient.id`: endpoint and model, without credentials. */
  clientId: string;
  model: string;
  messages: readonly ChatMessage[];
  temperature: number;
  maxTokens: number;
  seed?: number;
  drawIndex?: number;
}

/** A disk-backed map from cache key to response. */
export interface ResponseCache {
  /** Path of the JSONL file. */
  readonly file: string;
  /** Number of stored responses. */
  readonly size: number;
  /** The last append that failed, if any (the entry stays in memory for this session). */
  readonly writeError: unknown;
  get(key: string): ChatResponse | undefined;
  /**
   * Stores a response in memory and appends it to the file before returning, so a crash can only
   * lose answers still in flight; a key already stored is kept. Never rejects (see `writeError`).
   */
  put(key: string, response: ChatResponse): Promise<void>;
}

interface CacheLine {
  key: string;
  response: { text: string; usage: { promptTokens: number; completionTokens: number }; model: string };
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)); // keys are unique, never equal
    return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
  }
  return value;
}

/** The cache key of a request: sha256 (hex) of its canonical JSON. */
export function cacheKey(input: CacheKeyInput): string {
  const { clientId, model, messages, temperature, maxTokens, seed, drawIndex } = input;
  const canonical = canonicalJson({
    clientId,
    model,
    messages: messages.map((message) => ({ role: message.role, content: message.content })),
    temperature,
    maxTokens,
    seed,
    drawIndex,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

function parseLine(line: string): CacheLine | undefined {
  try {
    const parsed = JSON.parse(line) as Partial<CacheLine>;
    const response = parsed.response;
    if (typeof parsed.key !== 'string' || typeof response?.text !== 'string' || typeof response.model !== 'string') {
      return undefined;
    }
    const usage = response.usage ?? { promptTokens: 0, completionTokens: 0 };
    return { key: parsed.key, response: { text: response.text, model: response.model, usage } };
  } catch {
    return undefined;
  }
}

async function readExisting(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return '';
    }
    throw err;
  }
}

class JsonlResponseCache implements ResponseCache {
  readonly file: string;
  writeError: unknown = undefined;
  readonly #entries = new Map<string, CacheLine['response']>();
  #needsNewline: boolean;

  constructor(file: string, content: string) {
    this.file = file;
    // A crash can leave a torn last line; it is skipped here and fenced off by the next append.
    this.#needsNewline = content.length > 0 && !content.endsWith('\n');
    for (const line of content.split('\n')) {
      const entry = line.trim() === '' ? undefined : parseLine(line);
      if (entry !== undefined) {
        this.#entries.set(entry.key, entry.response);
      }
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): ChatResponse | undefined {
    const stored = this.#entries.get(key);
    return stored === undefined ? undefined : { ...stored, usage: { ...stored.usage } };
  }

  put(key: string, response: ChatResponse): Promise<void> {
    if (this.#entries.has(key)) {
      return Promise.resolve();
    }
    const stored = { text: response.text, usage: { ...response.usage }, model: response.model };
    this.#entries.set(key, stored);
    const prefix = this.#needsNewline ? '\n' : '';
    this.#needsNewline = false;
    // Synchronous on purpose: an async chain of appends falls behind a busy process, and a kill
    // then loses answers already paid for. One short append per answer costs microseconds.
    try {
      appendFileSync(this.file, `${prefix}${JSON.stringify({ key, response: stored })}\n`, 'utf8');
    } catch (err) {
      this.writeError = err;
    }
    return Promise.resolve();
  }
}

/**
 * Opens (creating if needed) the response cache in `dir`: `<dir>/responses.jsonl`, loaded into
 * memory once, then appended to one line per new response. Lines that don't parse are ignored.
 */
export async function openResponseCache(dir: string): Promise<ResponseCache> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, CACHE_FILE_NAME);
  return new JsonlResponseCache(file, await readExisting(file));
}

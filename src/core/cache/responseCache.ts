import { createHash } from 'node:crypto';
import { appendFileSync, createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFailureReason } from '../errors';
import type { ChatMessage, ChatResponse } from '../llm/types';
import { CacheIndex } from './cacheIndex';

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
  /** Samples asked for in one request; absent for one. */
  n?: number;
}

/** A disk-backed map from cache key to response: an index in memory, the responses on disk. */
export interface ResponseCache {
  /** Path of the JSONL file. */
  readonly file: string;
  /** Number of stored responses. */
  readonly size: number;
  /** The append that failed, if one did: the cache then stops writing (and says so once, see `onWriteError`). */
  readonly writeError: unknown;
  /** The stored response, read back from the file; undefined when there is none. */
  get(key: string): Promise<ChatResponse | undefined>;
  /**
   * Appends a response to the file before returning, so a crash can only lose answers still in
   * flight; a key already stored is kept. Never rejects (see `writeError`).
   */
  put(key: string, response: ChatResponse): Promise<void>;
}

export interface CacheOptions {
  /** Called once, with a sentence naming the file, when the cache cannot be written; the run goes on without it. */
  onWriteError?: (message: string) => void;
  /** Appends bytes to the cache file, synchronously. @default fs.appendFileSync (tests inject a full disk) */
  appendSync?: (file: string, data: Buffer) => void;
}

/** What a cached answer keeps: enough to replay it exactly (truncation and every sample included). */
type StoredResponse = Pick<ChatResponse, 'text' | 'usage' | 'model' | 'finishReason' | 'choices' | 'finishReasons'>;

interface CacheLine {
  key: string;
  response: StoredResponse;
}

/** The parts of a response the cache keeps, leaving out what is absent. */
function toStored(response: ChatResponse): StoredResponse {
  const { text, model, finishReason, choices, finishReasons } = response;
  return {
    text,
    usage: { ...response.usage },
    model,
    ...(finishReason === undefined ? {} : { finishReason }),
    ...(choices === undefined ? {} : { choices: [...choices] }),
    ...(finishReasons === undefined ? {} : { finishReasons: [...finishReasons] }),
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
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
  const { clientId, model, messages, temperature, maxTokens, seed, drawIndex, n } = input;
  const canonical = canonicalJson({
    clientId,
    model,
    messages: messages.map((message) => ({ role: message.role, content: message.content })),
    temperature,
    maxTokens,
    seed,
    drawIndex,
    // Absent for one sample, so keys made before `n` existed still match.
    n: n === undefined || n <= 1 ? undefined : n,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

const KEY_PREFIX = Buffer.from('{"key":"', 'latin1');
/** Longest key read straight from a line's bytes; a longer one is left to JSON.parse. */
const MAX_PLAIN_KEY = 256;

/**
 * The key of a cache line, cheaply: lines start with `{"key":"…"` (the old ones too), so the key is
 * read from the bytes without decoding the response; an escaped or unusual key is parsed.
 */
function keyOfLine(line: Buffer): string | undefined {
  // A whole line ends its object; a torn one (a crash mid-append) is left to JSON.parse, which refuses it.
  if (line.subarray(0, KEY_PREFIX.length).equals(KEY_PREFIX) && line[line.length - 1] === 0x7d) {
    const end = line.indexOf(0x22, KEY_PREFIX.length);
    if (end !== -1 && end - KEY_PREFIX.length <= MAX_PLAIN_KEY) {
      const key = line.toString('utf8', KEY_PREFIX.length, end);
      if (!key.includes('\\')) {
        return key;
      }
    }
  }
  try {
    const parsed = JSON.parse(line.toString('utf8')) as { key?: unknown };
    return typeof parsed.key === 'string' ? parsed.key : undefined;
  } catch {
    return undefined;
  }
}

function parseLine(line: string): CacheLine | undefined {
  try {
    const parsed = JSON.parse(line) as Partial<CacheLine>;
    const response = parsed.response;
    if (typeof parsed.key !== 'string' || typeof response?.text !== 'string' || typeof response.model !== 'string') {
      return undefined;
    }
    const usage = response.usage ?? { promptTokens: 0, completionTokens: 0 };
    const { finishReason, choices, finishReasons } = response;
    return {
      key: parsed.key,
      response: {
        text: response.text,
        model: response.model,
        usage,
        ...(typeof finishReason === 'string' ? { finishReason } : {}),
        ...(isStringList(choices) ? { choices } : {}),
        ...(isStringList(finishReasons) ? { finishReasons } : {}),
      },
    };
  } catch {
    return undefined;
  }
}

/** The index of the file's lines, and how the file ends. */
interface IndexedFile {
  lines: CacheIndex;
  /** Bytes in the file; `endsWithNewline` false when a crash left a torn last line. */
  size: number;
  endsWithNewline: boolean;
}

function emptyIndex(): IndexedFile {
  return { lines: new CacheIndex(), size: 0, endsWithNewline: true };
}

function indexLine(index: IndexedFile, line: Buffer, offset: number): void {
  const key = keyOfLine(line);
  if (key !== undefined) {
    index.lines.add(key, { offset, length: line.length });
  }
}

/** Streams the file once to index it; memory holds the index only, never the responses. */
async function buildIndex(file: string): Promise<IndexedFile> {
  const index = emptyIndex();
  let carry = Buffer.alloc(0);
  let carryOffset = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      let data = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
      let start = 0;
      for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a, start)) {
        if (nl > start) {
          indexLine(index, data.subarray(start, nl), carryOffset + start);
        }
        start = nl + 1;
      }
      carryOffset += start;
      data = data.subarray(start);
      carry = Buffer.from(data);
      index.size += (chunk as Buffer).length;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw err;
    }
  }
  // A crash can leave a torn last line: it is not indexed, and the next append fences it off.
  index.endsWithNewline = carry.length === 0;
  return index;
}

class JsonlResponseCache implements ResponseCache {
  writeError: unknown = undefined;

  constructor(
    readonly file: string,
    private readonly index: IndexedFile,
    private readonly options: CacheOptions,
  ) {}

  get size(): number {
    return this.index.lines.size;
  }

  async get(key: string): Promise<ChatResponse | undefined> {
    const span = this.index.lines.get(key);
    if (span === undefined) {
      return undefined;
    }
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(span.length);
      await handle.read(buffer, 0, buffer.length, span.offset);
      const entry = parseLine(buffer.toString('utf8'));
      return entry === undefined || entry.key !== key ? undefined : toStored(entry.response);
    } finally {
      await handle.close();
    }
  }

  put(key: string, response: ChatResponse): Promise<void> {
    if (this.writeError !== undefined || this.index.lines.has(key)) {
      return Promise.resolve();
    }
    const stored = toStored(response);
    const prefix = this.index.endsWithNewline ? '' : '\n';
    const line = Buffer.from(`${prefix}${JSON.stringify({ key, response: stored })}\n`, 'utf8');
    // Synchronous on purpose: an async chain of appends falls behind a busy process, and a kill
    // then loses answers already paid for. One short append per answer costs microseconds.
    try {
      (this.options.appendSync ?? appendFileSync)(this.file, line);
    } catch (err) {
      this.writeError = err;
      this.options.onWriteError?.(`The response cache ${this.file} cannot be written: ${writeFailureReason(err)}. The run goes on without caching new answers.`);
      return Promise.resolve();
    }
    this.index.lines.add(key, { offset: this.index.size + prefix.length, length: line.length - prefix.length - 1 });
    this.index.size += line.length;
    this.index.endsWithNewline = true;
    return Promise.resolve();
  }
}

/**
 * Opens (creating if needed) the response cache in `dir`: `<dir>/responses.jsonl`, indexed once by
 * streaming it (memory holds offsets, not responses), then appended to one line per new response.
 * Lines that don't parse are ignored.
 */
export async function openResponseCache(dir: string, options: CacheOptions = {}): Promise<ResponseCache> {
  const file = join(dir, CACHE_FILE_NAME);
  let problem: string | undefined;
  let index = emptyIndex();
  try {
    await mkdir(dir, { recursive: true });
    index = await buildIndex(file);
  } catch (err) {
    problem = `The response cache ${file} cannot be used: ${writeFailureReason(err)}. The run goes on without a cache.`;
  }
  const cache = new JsonlResponseCache(file, index, options);
  if (problem !== undefined) {
    cache.writeError = problem;
    options.onWriteError?.(problem);
  }
  return cache;
}

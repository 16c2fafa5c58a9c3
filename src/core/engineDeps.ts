import type { RunConfig } from './config';
import type { RunEvent } from './events';
import type { ClientOptions, LlmClient, ModelConfig, RequestLogEntry } from './llm/types';

/**
 * What a front end plugs into a run. Its own module, below both `engine.ts` and `run/`, so the loop's
 * parts can name it without importing the engine that drives them.
 */
export interface EngineDeps {
  /** Makes the scorer and optimizer clients; defaults to the `openai` package client (provider `openai`/`azure`). */
  createClient?: (model: ModelConfig, options: ClientOptions) => LlmClient;
  /** Directory of the on-disk response cache; no cache when absent. */
  cacheDir?: string;
  /** Where the run is saved after every scored candidate; not saved when absent. */
  runFile?: string;
  onEvent?: (event: RunEvent) => void;
  onLog?: (entry: RequestLogEntry) => void;
  /** Something the user should know that does not stop the run (e.g. the cache cannot be written); said once. */
  onWarning?: (message: string) => void;
  /** Attached to the record as `meta` (e.g. the prompt's source range). */
  meta?: Record<string, unknown>;
  /** The new run's id (e.g. to match the run file's name); a fresh one when absent. */
  runId?: string;
  /**
   * Polled before each step: instructions a person wrote or edited while the run goes on. They are
   * scored (origin `user`) and join the history the optimizer sees next.
   */
  takeUserInstructions?: () => string[];
  /** False in an untrusted workspace: no workspace code (custom scorers) is loaded. @default true */
  isTrusted?: boolean;
  /** The file writes of the run store. @default node's fs */
  storeFs?: StoreFs;
}

/**
 * The file writes a run store makes. Node's `fs` by default; tests inject one that fails (a full disk,
 * a folder that is not writable) to check what the store keeps and says.
 */
export interface StoreFs {
  mkdir(dir: string): Promise<void>;
  writeFile(file: string, text: string): Promise<void>;
  appendFile(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string): Promise<void>;
  truncate(file: string, length: number): Promise<void>;
  /** Bytes in the file, or undefined when it does not exist. */
  size(file: string): Promise<number | undefined>;
  /** `length` bytes of `file` from `offset`. */
  readBytes(file: string, offset: number, length: number): Promise<Buffer>;
}

/** What the user has set up now that a saved run needs again (run files never hold it). */
export interface Credentials {
  /** The API key (SecretStorage, `OPENAI_API_KEY`, `--api-key`); goes to every model role with an HTTP endpoint. */
  apiKey?: string;
}

/** Options for reopening a saved run. */
export interface ResumeDeps extends EngineDeps {
  /** Put back into the scorer, the optimizer and the judge alike (see `run/resumeConfig.ts`). */
  credentials?: Credentials;
  /**
   * The endpoint the user names for model roles whose run file records none (runs written before
   * endpoints were recorded). Never replaces a recorded endpoint.
   */
  baseUrl?: string;
  /** Changes limits such as `steps`, after the credentials are restored; it may not move any endpoint. */
  patchConfig?: (config: RunConfig) => RunConfig;
}

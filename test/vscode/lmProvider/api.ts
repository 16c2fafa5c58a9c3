// The test-only provider extension's API, as plain types (no `vscode` import), so the suite, which
// compiles against the product's @types/vscode, can use it. See extension.ts.

/** The vendor of package.json's `contributes.languageModelChatProviders`. */
export const TEST_VENDOR = 'opro-test';

/** The extension's id (publisher.name of its package.json). */
export const TEST_MODELS_EXTENSION_ID = 'opro-test.opro-test-models';

/** One model the provider lists. */
export interface TestModel {
  id: string;
  name: string;
  /** The model name sent to the server. @default id */
  upstream?: string;
  /** Gates the model behind VS Code's consent dialog (proposed `chatProvider` API). */
  requiresAuthorization?: boolean;
  /** Every request fails with this `vscode.LanguageModelError`, as a provider reports a limit or a vanished model. */
  failWith?: 'Blocked' | 'NotFound';
}

/** One request as the provider received it from VS Code. */
export interface ReceivedRequest {
  model: string;
  /** `user` / `assistant` (or the raw role number when it is neither), in order. */
  roles: string[];
  contents: string[];
  modelOptions: Record<string, unknown>;
  /** What the server answered ('' when the request failed). */
  reply: string;
}

/** What `activate` returns: the VS Code tests configure the provider and read what it received. */
export interface TestModelsApi {
  /** Where requests go and which models exist; VS Code is told the models changed. */
  configure(options: { baseUrl: string; apiKey: string; models: TestModel[] }): void;
  /** Every request received since the last `configure`. */
  readonly requests: ReceivedRequest[];
  /** Calls of `provideTokenCount` since the last `configure`. */
  readonly tokenCounts: { calls: number };
}

/** The suite's fake server counts a quarter of the characters, rounded up; so does this provider. */
export function countTestTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

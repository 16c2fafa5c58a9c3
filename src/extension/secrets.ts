import type * as vscode from 'vscode';

/** The one SecretStorage key the API key lives under. */
export const API_KEY_SECRET = 'opro.apiKey';

/** The API key: SecretStorage first, then `OPENAI_API_KEY` from the environment. Never logged. */
export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The key to send, or undefined when none is set anywhere. */
  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(API_KEY_SECRET);
    return stored || this.env.OPENAI_API_KEY?.trim() || undefined;
  }

  /** True when a key is stored (the environment fallback does not count). */
  async isStored(): Promise<boolean> {
    return Boolean(await this.secrets.get(API_KEY_SECRET));
  }

  /** True when `OPENAI_API_KEY` is set in the environment (the fallback when nothing is stored). */
  hasEnvironmentKey(): boolean {
    return Boolean(this.env.OPENAI_API_KEY?.trim());
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(API_KEY_SECRET, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET);
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === API_KEY_SECRET) {
        listener();
      }
    });
  }
}

import type { ModelSetup } from '../models/resolveModels';
import type { Settings } from '../settingValues';

/** What `opro mcp` is started with: flags (the tools' defaults) and the environment that carries the key. */
export interface McpLaunch {
  args: string[];
  env: Record<string, string>;
  /** Why the settings could not be carried over, if they could not (logged). */
  warning?: string;
}

/**
 * The extension's settings and resolved models as `opro mcp` flags and environment. The key travels
 * only in the environment (`OPENAI_API_KEY`), never in the arguments, which clients show and log.
 * The CLI speaks to OpenAI-compatible endpoints: VS Code's own models and Azure stay with the extension.
 */
export function mcpLaunch(settings: Settings, models: ModelSetup | undefined): McpLaunch {
  const args = ['--steps', String(settings.steps), '--candidates', String(settings.candidatesPerStep), '--concurrency', String(settings.concurrency)];
  args.push('--timeout', String(Math.round(settings.requestTimeoutSeconds * 1000)));
  if (!settings.cacheEnabled) {
    args.push('--no-cache');
  }
  if (models === undefined) {
    return { args, env: {} };
  }
  if (models.provider !== 'openai') {
    const warning = `the MCP server speaks to OpenAI-compatible endpoints; the ${models.source} models stay with the extension, so it uses OPENAI_API_KEY and OPENAI_BASE_URL from the environment`;
    return { args, env: {}, warning };
  }
  args.push('--scorer-model', models.scorerModel, '--optimizer-model', models.optimizerModel);
  const env: Record<string, string> = {};
  if (models.baseUrl !== undefined) {
    env.OPENAI_BASE_URL = models.baseUrl;
  }
  if (models.apiKey !== undefined) {
    env.OPENAI_API_KEY = models.apiKey;
  }
  return { args, env };
}

/** The language model tools' names, mirroring `contributes.languageModelTools` (a unit test keeps them equal). */
export const TOOL_NAMES = { optimizePrompt: 'opro_optimizePrompt', evaluatePrompt: 'opro_evaluatePrompt' } as const;

/** The id in `contributes.mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = 'opro.mcpServer';

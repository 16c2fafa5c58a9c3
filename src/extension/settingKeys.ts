/** Every `opro.*` setting key, declared once; package.json `contributes.configuration` mirrors it. */
export const SETTING_KEYS = {
  provider: 'opro.provider',
  baseUrl: 'opro.baseUrl',
  scorerModel: 'opro.scorerModel',
  optimizerModel: 'opro.optimizerModel',
  scorerTemperature: 'opro.scorerTemperature',
  optimizerTemperature: 'opro.optimizerTemperature',
  steps: 'opro.steps',
  candidatesPerStep: 'opro.candidatesPerStep',
  exemplarsPerStep: 'opro.exemplarsPerStep',
  concurrency: 'opro.concurrency',
  maxCalls: 'opro.maxCalls',
  maxTokens: 'opro.maxTokens',
  requestTimeoutSeconds: 'opro.requestTimeoutSeconds',
  position: 'opro.position',
  metric: 'opro.metric',
  validationSplit: 'opro.validationSplit',
  inputColumn: 'opro.inputColumn',
  targetColumn: 'opro.targetColumn',
  cacheEnabled: 'opro.cache.enabled',
  codeLensEnabled: 'opro.codeLens.enabled',
  azureApiVersion: 'opro.azure.apiVersion',
} as const;

export type SettingName = keyof typeof SETTING_KEYS;

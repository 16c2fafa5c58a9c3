/** Every command id, mirroring `contributes.commands` in package.json (a unit test keeps them equal). */
export const COMMAND_IDS = {
  optimizePrompt: 'opro.optimizePrompt',
  evaluatePrompt: 'opro.evaluatePrompt',
  resumeRun: 'opro.resumeRun',
  showRuns: 'opro.showRuns',
  setApiKey: 'opro.setApiKey',
  selectModels: 'opro.selectModels',
  openPanel: 'opro.openPanel',
  showLog: 'opro.showLog',
} as const;

export type CommandName = keyof typeof COMMAND_IDS;

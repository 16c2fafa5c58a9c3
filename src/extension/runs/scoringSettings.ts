import { isAbsolute, resolve } from 'node:path';
import type { GraderConfig } from '../../core/config';
import { OproError } from '../../core/errors';
import type { MetricOptions } from '../../core/metrics/types';
import { SETTING_KEYS } from '../settingKeys';
import type { Settings } from '../settingValues';

/** How a run checks outputs, as the settings choose: a rule metric, or a grader with its rubric already read. */
export interface Scoring {
  metric?: MetricOptions;
  grader?: GraderConfig;
}

/** What resolving needs from the outside; the extension passes the workspace, its trust and the file system. */
export interface ScoringContext {
  /** The folder relative paths start from; undefined when no folder is open. */
  workspaceRoot: string | undefined;
  /** `vscode.workspace.isTrusted`: a custom scorer is workspace code and never loads without it. */
  isTrusted: boolean;
  readText: (file: string) => Promise<string>;
  isFile: (file: string) => Promise<boolean>;
}

/** The message core uses too ("… not trusted"), which `describeError` answers with "Manage Workspace Trust". */
export function untrustedScorerError(module: string): OproError {
  const hint = 'Trust the workspace (Workspaces: Manage Workspace Trust) or choose another opro.metric.';
  return new OproError('config', `The custom scorer ${module} runs workspace code, and this workspace is not trusted. ${hint}`, { hint });
}

/**
 * Reads `opro.metric` and its companions at run start: `json` with `opro.jsonFields`, `judge` with a
 * rubric (`opro.judge.rubricFile` wins over `opro.judge.rubric`), `custom` with `opro.customScorer`.
 * Throws a `config` error naming the setting (and the file) when something is missing.
 */
export async function resolveScoring(settings: Settings, context: ScoringContext): Promise<Scoring> {
  switch (settings.metric) {
    case 'judge':
      return { grader: { kind: 'judge', rubric: await readRubric(settings, context) } };
    case 'custom':
      return { grader: { kind: 'custom', module: await customModule(settings, context) } };
    default:
      return ruleScoring(settings);
  }
}

/** The rule metric `opro.metric` names ({} for `auto`, and for the graders, which need {@link resolveScoring}). */
export function ruleScoring(settings: Settings): Scoring {
  const kind = settings.metric;
  if (kind === 'auto' || kind === 'judge' || kind === 'custom') {
    return {};
  }
  return { metric: { kind, ...(kind === 'json' && settings.jsonFields.length > 0 ? { fields: settings.jsonFields } : {}) } };
}

async function readRubric(settings: Settings, context: ScoringContext): Promise<string> {
  const setting = settings.judgeRubricFile ? SETTING_KEYS.judgeRubricFile : SETTING_KEYS.judgeRubric;
  let rubric = settings.judgeRubric;
  if (settings.judgeRubricFile) {
    const file = workspaceFile(settings.judgeRubricFile, setting, context);
    try {
      rubric = (await context.readText(file)).trim();
    } catch (err) {
      const hint = `Create it, or point ${setting} at a text file in the workspace.`;
      throw new OproError('config', `Cannot read the judge's rubric file ${settings.judgeRubricFile} (${reason(err)}). ${hint}`, { hint, setting, cause: err });
    }
  }
  if (rubric === '') {
    const where = settings.judgeRubricFile ? `${settings.judgeRubricFile} is empty` : 'no rubric is set';
    const hint = `Describe a good answer in ${SETTING_KEYS.judgeRubric}, or in a file named by ${SETTING_KEYS.judgeRubricFile}.`;
    throw new OproError('config', `The LLM judge needs a rubric, but ${where}. ${hint}`, { hint, setting });
  }
  return rubric;
}

async function customModule(settings: Settings, context: ScoringContext): Promise<string> {
  const setting = SETTING_KEYS.customScorer;
  if (!context.isTrusted) {
    throw untrustedScorerError(settings.customScorer || `(${setting})`);
  }
  if (!settings.customScorer) {
    const hint = `Set ${setting} to a .js or .mjs file in the workspace that exports score({ input, expected, output, row }).`;
    throw new OproError('config', `opro.metric is custom, but no scorer module is set. ${hint}`, { hint, setting });
  }
  if (!/\.(c|m)?js$/.test(settings.customScorer)) {
    const hint = `Point ${setting} at a .js or .mjs module.`;
    throw new OproError('config', `The custom scorer ${settings.customScorer} is not a JavaScript module. ${hint}`, { hint, setting });
  }
  const file = workspaceFile(settings.customScorer, setting, context);
  if (!(await context.isFile(file))) {
    const hint = `Create it, or fix ${setting}.`;
    throw new OproError('config', `The custom scorer ${settings.customScorer} does not exist in the workspace. ${hint}`, { hint, setting });
  }
  return file;
}

function workspaceFile(path: string, setting: string, context: ScoringContext): string {
  if (isAbsolute(path)) {
    return path;
  }
  if (context.workspaceRoot === undefined) {
    const hint = 'Open the folder it is relative to, or use an absolute path.';
    throw new OproError('config', `${setting} is a workspace-relative path (${path}), but no folder is open. ${hint}`, { hint, setting });
  }
  return resolve(context.workspaceRoot, path);
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return 'no such file';
  }
  return err instanceof Error ? err.message : String(err);
}

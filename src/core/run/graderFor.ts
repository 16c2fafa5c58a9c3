import type { RunConfig } from '../config';
import type { EngineDeps } from '../engineDeps';
import { OproError } from '../errors';
import { customScorerGrader } from '../grading/customScorer';
import { ruleGrader, type Grader } from '../grading/grader';
import { judgeGrader } from '../grading/llmJudge';
import type { LlmClient, ModelConfig } from '../llm/types';
import type { RunRecord } from '../runRecord';
import type { ModelRole, UsageMeter } from './usage';

export interface GraderDeps {
  makeClient: (model: ModelConfig, role: ModelRole) => LlmClient;
  meter: UsageMeter;
  deps: EngineDeps;
}

/**
 * The grader a run uses: its rule metric, or the LLM judge (a client like the others: cached,
 * counted, budgeted), or the workspace's custom scorer, which runs only where code may run.
 */
export function createGrader(record: Pick<RunRecord, 'metric'>, config: RunConfig, context: GraderDeps): Grader {
  const grader = config.grader;
  if (grader === undefined) {
    return ruleGrader(record.metric);
  }
  if (grader.kind === 'judge') {
    const model = config.judge ?? { ...config.scorer, temperature: 0, maxTokens: 256 };
    const client = context.makeClient(model, 'judge');
    return judgeGrader({ client, rubric: grader.rubric, onResponse: (response) => context.meter.recordResponse('judge', client.model, response) });
  }
  if (context.deps.isTrusted === false) {
    throw new OproError('config', `The custom scorer ${grader.module} runs workspace code, and this workspace is not trusted.`, {
      hint: 'Trust the workspace (Workspaces: Manage Workspace Trust) or use a built-in metric.',
    });
  }
  return customScorerGrader({ file: grader.module, ...(grader.timeoutMs === undefined ? {} : { timeoutMs: grader.timeoutMs }) });
}

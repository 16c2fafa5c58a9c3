import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import { fenced } from '../../core/run/runReport';
import { formatScore } from '../../core/stats/scoreInterval';
import { prepareConfig } from '../commands/prepareRun';
import type { Services } from '../services';
import { confirmationMessages, describeSpend, estimateFor, type CostFigure } from './confirmation';
import { PreparedCalls } from './preparedCalls';
import { checkEvaluateInput, workspacePath, type EvaluatePromptInput } from './toolInput';

/**
 * `#evaluatePrompt`: scores instructions on a dataset without optimizing, through the same run
 * manager as "Evaluate Prompt", with the settings' models and scoring. No question is asked.
 */
export class EvaluatePromptTool implements vscode.LanguageModelTool<EvaluatePromptInput> {
  private readonly prepared = new PreparedCalls<RunConfig>();

  constructor(
    private readonly services: Services,
    private readonly costFigure: CostFigure,
  ) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<EvaluatePromptInput>): Promise<vscode.PreparedToolInvocation> {
    const t = vscode.l10n.t;
    const config = await this.prepared.get(options.input, () => this.prepare(options.input));
    const estimate = await estimateFor(config);
    const what = t('Scores {0} prompt(s) on the {1} rows of `{2}`.', config.seedInstructions.length, estimate.trainRows, vscode.workspace.asRelativePath(config.dataset.path));
    return {
      invocationMessage: t('Scoring the prompt with OPRO'),
      confirmationMessages: confirmationMessages(t('Score this prompt with OPRO?'), [what, describeSpend(config, estimate, this.costFigure)]),
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<EvaluatePromptInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const config = await this.prepared.take(options.input, () => this.prepare(options.input));
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const scored = await this.services.runs.evaluate(config, controller.signal);
      if (scored.length === 0) {
        throw new vscode.CancellationError();
      }
      const dataset = vscode.workspace.asRelativePath(config.dataset.path);
      const text = scored.map((c, i) => vscode.l10n.t('{0}. {1} on {2}:', i + 1, formatScore(c), dataset) + `\n${fenced(c.instruction)}`).join('\n\n');
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
    } finally {
      cancel.dispose();
    }
  }

  private async prepare(input: EvaluatePromptInput): Promise<RunConfig> {
    const checked = checkEvaluateInput(input);
    const [first = ''] = checked.instructions;
    const config = await prepareConfig(this.services, { value: first }, {
      datasetPath: workspacePath(checked.dataset),
      isUnattended: true,
      ...(checked.position === undefined ? {} : { position: checked.position }),
      ...(checked.inputColumn === undefined ? {} : { inputColumn: checked.inputColumn }),
      ...(checked.targetColumn === undefined ? {} : { targetColumn: checked.targetColumn }),
    });
    if (config === undefined) {
      throw new Error(vscode.l10n.t('Nothing to evaluate.'));
    }
    return { ...config, seedInstructions: checked.instructions, steps: 0 };
  }
}

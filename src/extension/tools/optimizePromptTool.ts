import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { describeRun, reportRunFile } from '../../core/run/runReport';
import { prepareRun, type PreparedRun } from '../commands/prepareRun';
import { readPromptSource } from '../insertion/promptSource';
import type { Services } from '../services';
import { confirmationMessages, describeSpend, estimateFor, type CostFigure } from './confirmation';
import { locatePrompt } from './locatePrompt';
import { PreparedCalls } from './preparedCalls';
import { checkOptimizeInput, workspacePath, type OptimizePromptInput } from './toolInput';

/**
 * `#optimizePrompt`: runs the Optimize Prompt command's path (prepareRun, RunManager.start) for an
 * agent, without a question: the prompt at a file's lines or the selection, on the dataset given.
 * The confirmation states the calls the run may pay for; the result is text the model reads.
 */
export class OptimizePromptTool implements vscode.LanguageModelTool<OptimizePromptInput> {
  private readonly prepared = new PreparedCalls<PreparedRun>();

  constructor(
    private readonly services: Services,
    private readonly costFigure: CostFigure,
  ) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<OptimizePromptInput>, _token?: vscode.CancellationToken): Promise<vscode.PreparedToolInvocation> {
    const t = vscode.l10n.t;
    const run = await this.prepared.get(options.input, () => this.prepare(options.input));
    const { config } = run;
    const estimate = await estimateFor(config);
    const source = readPromptSource(run.meta);
    const where = source === undefined ? t('the selection') : t('`{0}` line {1}', source.file, source.line);
    const dataset = vscode.workspace.asRelativePath(config.dataset.path);
    const what = t('Optimizes the prompt at {0} on `{1}` ({2} training rows, {3} held out): {4} steps of {5} candidates.', where, dataset, estimate.trainRows, estimate.validationRows, config.steps, config.candidatesPerStep);
    return {
      invocationMessage: t('Optimizing the prompt with OPRO'),
      confirmationMessages: confirmationMessages(t('Optimize this prompt with OPRO?'), [what, describeSpend(config, estimate, this.costFigure)]),
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<OptimizePromptInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const input = options.input;
    const run = await this.prepared.take(input, () => this.prepare(input));
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const showPanel = input.showPanel === true;
      const outcome = await this.services.runs.start(run.config, run.meta, { signal: controller.signal, showPanel });
      if (outcome.record === undefined) {
        const failure = outcome.error ?? vscode.l10n.t('The run failed; see the OPRO log.');
        const saved = existsSync(outcome.runFile) ? ` ${vscode.l10n.t('What finished is saved in {0}; "OPRO: Resume Run" continues it.', outcome.runFile)}` : '';
        throw new Error(failure + saved);
      }
      const report = describeRun(await reportRunFile(outcome.record, outcome.runFile));
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(`${report}\n\n${this.afterword(run, showPanel)}`)]);
    } finally {
      cancel.dispose();
    }
  }

  private async prepare(input: OptimizePromptInput): Promise<PreparedRun> {
    const checked = checkOptimizeInput(input);
    const locator = await locatePrompt(checked, this.services.literals);
    const prepared = await prepareRun(this.services, {
      ...locator,
      datasetPath: workspacePath(checked.dataset),
      isUnattended: true,
      ...(checked.position === undefined ? {} : { position: checked.position }),
      ...(checked.inputColumn === undefined ? {} : { inputColumn: checked.inputColumn }),
      ...(checked.targetColumn === undefined ? {} : { targetColumn: checked.targetColumn }),
      ...(checked.steps === undefined ? {} : { steps: checked.steps }),
    });
    if (prepared === undefined) {
      throw new Error(vscode.l10n.t('Nothing to optimize.'));
    }
    return prepared;
  }

  private afterword(run: PreparedRun, showPanel: boolean): string {
    const t = vscode.l10n.t;
    const source = readPromptSource(run.meta);
    const panel = showPanel ? t('The OPRO panel shows the run.') : t('The user can open the run in the OPRO panel (command "OPRO: Open Panel", or the OPRO Runs view), where "Insert" writes a prompt back into the code, escaped for its literal.');
    return source === undefined ? panel : t('The prompt lives in {0} at line {1}. {2}', source.file, source.line, panel);
  }
}

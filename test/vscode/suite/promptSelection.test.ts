import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScoredCandidate } from '../../../src/core/runRecord';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { FakeServer } from '../../support/fakeLlmServer';
import { oproApi } from '../support/extension';
import { resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, workspacePath } from '../support/workspace';

/** Runs "OPRO: Evaluate Prompt" on the open editor; the scored instruction is the prompt it picked. */
async function evaluatedPrompt(): Promise<string | undefined> {
  const scored = await vscode.commands.executeCommand<ScoredCandidate | undefined>(COMMAND_IDS.evaluatePrompt, { datasetPath: workspacePath(DATASET) });
  return scored?.instruction;
}

describe('the prompt a command picks', () => {
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;

  before(async () => {
    server = await useFakeModels();
    prompter = new ScriptedPrompter();
    restore = (await oproApi()).usePrompter(prompter);
  });
  after(async () => {
    restore();
    await server.close();
    await resetModelSettings();
    await closeAllEditors();
  });

  it('TypeScript: the whole string literal under the cursor, escapes decoded', async () => {
    await openMarked('src/pick1.ts', 'export const p = "Solve \\"carefully\\"|:\\n show your work";\n');
    assert.equal(await evaluatedPrompt(), 'Solve "carefully":\n show your work');
  });

  it('TypeScript: a template literal under the cursor, its substitutions as {{placeholders}}', async () => {
    await openMarked('src/pick2.ts', 'const p = `Answer ${style}:| be brief`;\n');
    assert.equal(await evaluatedPrompt(), 'Answer {{style}}: be brief');
  });

  it('TypeScript: the selected part of a literal', async () => {
    await openMarked('src/pick3.ts', "const p = 'Intro. [Solve the problem step by step.] Outro.';\n");
    assert.equal(await evaluatedPrompt(), 'Solve the problem step by step.');
  });

  it('Python: a triple-quoted literal under the cursor', async () => {
    await openMarked('scripts/pick4.py', 'PROMPT = """You are a tutor.\nSolve it| step by step."""\n');
    assert.equal(await evaluatedPrompt(), 'You are a tutor.\nSolve it step by step.');
  });

  it('Python: an f-string under the cursor, fields as {{placeholders}} and doubled braces as text', async () => {
    await openMarked('scripts/pick5.py', "q = f'Answer {{briefly}} for {name}|.'\n");
    assert.equal(await evaluatedPrompt(), 'Answer {briefly} for {{name}}.');
  });

  it('Python: a selection outside any literal is taken as it is', async () => {
    await openMarked('scripts/pick6.py', '# [Solve the arithmetic problem.]\nx = 1\n');
    assert.equal(await evaluatedPrompt(), 'Solve the arithmetic problem.');
  });

  it('says what to do when the cursor is not in a prompt, and asks nothing else', async () => {
    await openMarked('src/pick7.ts', 'const x| = 1;\n');
    prompter.toasts.length = 0;
    prompter.questions.length = 0;
    assert.equal(await evaluatedPrompt(), undefined);
    assert.match(prompter.toasts[0]?.message ?? '', /put the cursor in a string literal/);
    assert.deepEqual(prompter.questions, []);
  });
});

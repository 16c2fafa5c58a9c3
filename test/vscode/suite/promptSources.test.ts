import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { ScoredCandidate } from '../../../src/core/runRecord';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import type { RunOutcome } from '../../../src/extension/runs/runManager';
import type { FakeServer } from '../../support/fakeLlmServer';
import { oproApi } from '../support/extension';
import { resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, workspacePath } from '../support/workspace';

const POSITION_TITLE = /^OPRO: Where does this prompt go\?/;

/** Writes a workspace file and opens it (cursor at the start). */
async function openFile(relative: string, text: string): Promise<vscode.TextEditor> {
  const file = workspacePath(relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
}

describe('prompt sources: prompt files, Prompty, context defaults and templates', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;

  /** "OPRO: Optimize Prompt" scoring only the seed (steps 0) on the example dataset. */
  async function optimizeHere(args: Record<string, unknown> = {}): Promise<RunOutcome> {
    return vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt, { datasetPath: workspacePath(DATASET), ...args });
  }

  function positionQuestion(): { title: string | undefined; labels: string[]; descriptions: string[] } | undefined {
    const index = prompter.questions.findIndex((q) => q.kind === 'pick' && POSITION_TITLE.test(q.title ?? ''));
    const question = prompter.questions[index];
    const pickIndex = prompter.questions.slice(0, index + 1).filter((q) => q.kind === 'pick').length - 1;
    const rows = prompter.picks[pickIndex] ?? [];
    return question?.kind === 'pick' ? { title: question.title, labels: question.labels, descriptions: rows.map((r) => r.description ?? '') } : undefined;
  }

  before(async () => {
    api = await oproApi();
    server = await useFakeModels({}, { steps: 0, position: undefined });
  });
  beforeEach(() => {
    prompter = new ScriptedPrompter({ pick: (labels) => labels[0] });
    restore = api.usePrompter(prompter);
  });
  afterEach(async () => {
    restore();
    await closeAllEditors();
  });
  after(async () => {
    await server.close();
    await resetModelSettings();
  });

  it('a .prompt.md: its body is optimized with ${input:…} as a column, and Insert keeps the front matter byte for byte', async () => {
    const frontMatter = "---\r\nmode: 'agent'\r\ndescription: Solve a sum\r\n---\r\n";
    const editor = await openFile('.github/prompts/solve.prompt.md', `${frontMatter}\r\nSolve ${'${input:question:the sum}'} and reply with the result.\r\n`);
    const outcome = await optimizeHere();
    assert.equal(outcome.record?.config.seedInstructions[0], 'Solve {{question}} and reply with the result.');
    assert.equal(outcome.record?.config.position, 'template', 'the variable is a dataset column, so no position is asked');
    assert.equal(positionQuestion(), undefined);
    await api.services.controller.insert(outcome.record!.id, { text: 'Work out {{question}} step by step; end with the result.' });
    assert.equal(editor.document.getText(), `${frontMatter}\r\nWork out ${'${input:question:the sum}'} step by step; end with the result.\r\n`);
  });

  it('an .instructions.md suggests the system layout, and the CodeLens sits at the top of prompt files', async () => {
    const editor = await openFile('.github/instructions/math.instructions.md', '---\napplyTo: "**"\n---\nAnswer sums with the number only.\n');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.command]), [[0, COMMAND_IDS.optimizePrompt]]);
    const outcome = await optimizeHere();
    assert.equal(outcome.record?.config.seedInstructions[0], 'Answer sums with the number only.');
    assert.equal(outcome.record?.config.position, 'system');
    const question = positionQuestion();
    assert.equal(question?.labels[0], 'As the system message');
    assert.match(question?.descriptions[0] ?? '', /^system · suggested: instructions go into the system message$/);
  });

  it('a .prompty file: the system section is optimized as the system message, the user placeholder is the input column', async () => {
    const text = '---\nname: Sums\ninputs:\n  question:\n    type: string\n---\nsystem:\nYou add numbers.\n\nuser:\n{{question}}\n';
    const editor = await openFile('prompts/sums.prompty', text);
    assert.equal(editor.document.languageId, 'prompty', 'the extension contributes the language');
    const outcome = await optimizeHere();
    assert.equal(outcome.record?.config.seedInstructions[0], 'You add numbers.');
    assert.equal(outcome.record?.config.position, 'system');
    assert.equal(outcome.record?.dataset.inputColumn, 'question');
    await api.services.controller.insert(outcome.record!.id, { text: 'You add the two numbers.' });
    assert.equal(editor.document.getText(), text.replace('You add numbers.', 'You add the two numbers.'));
  });

  it('the content of a role "system" message defaults to the system layout (TypeScript and Python)', async () => {
    for (const [file, marked] of [
      ['src/ctx-system.ts', "const messages = [\n  { role: 'system', content: 'You add numbers in TypeScript|.' },\n  { role: 'user', content: question },\n];\n"],
      ['scripts/ctx_system.py', 'messages = [{"role": "system", "content": "You add numbers in Python|."}, {"role": "user", "content": q}]\n'],
    ] as const) {
      prompter.questions.length = 0;
      prompter.picks.length = 0;
      await openMarked(file, marked);
      const outcome = await optimizeHere();
      assert.equal(outcome.record?.config.position, 'system', file);
      assert.match(positionQuestion()?.descriptions[0] ?? '', /suggested: the content of a system message/, file);
    }
  });

  it('a user message keeps "Before each input" first', async () => {
    await openMarked('src/ctx-user.ts', "const m = { role: 'user', content: 'Add the numbers for the user|.' };\n");
    const outcome = await optimizeHere();
    assert.equal(outcome.record?.config.position, 'Q_begin');
    assert.equal(positionQuestion()?.labels[0], 'Before each input');
  });

  it('a template literal whose variables are dataset columns runs as a template and is written back with ${}', async () => {
    const editor = await openMarked('src/ctx-template.ts', 'export const p = `Solve ${row.question}| and reply with the result.`;\n');
    const outcome = await optimizeHere();
    assert.equal(outcome.record?.config.seedInstructions[0], 'Solve {{question}} and reply with the result.');
    assert.equal(outcome.record?.config.position, 'template');
    await api.services.controller.insert(outcome.record!.id, { text: 'Add up {{question}}, then give the sum.' });
    assert.equal(editor.document.getText(), 'export const p = `Add up ${row.question}, then give the sum.`;\n');
  });

  it('an f-string variable that is no column is explained in the position question, not turned into an error', async () => {
    await openMarked('scripts/ctx_fstring.py', 'p = f"You work for {company}|. Add the numbers."\n');
    const outcome = await optimizeHere();
    assert.equal(outcome.record?.config.position, 'Q_begin');
    assert.match(positionQuestion()?.title ?? '', /\{company\} is no column of data\/arithmetic\.jsonl, so it stays as written/);
    assert.deepEqual(prompter.errors(), []);
  });

  it('an interpolation that is an expression gets an explanation of what to do', async () => {
    await openMarked('src/ctx-expr.ts', 'const p = `Add ${nums.join(" and ")}| please.`;\n');
    await optimizeHere({ position: 'Q_begin' });
    assert.match(prompter.toasts.map((t) => t.message).join('\n'), /\$\{nums\.join\(" and "\)\} in the prompt is code, not a variable.*put it in a variable first/s);
  });

  it('puts no CodeLens on docstrings, comments, errors or identifiers, and one on the prompt', async () => {
    const editor = await openFile(
      'scripts/lens_context.py',
      [
        '"""Helpers that ask the model about arithmetic, with retries and logging for the dashboard."""',
        '# You are a helpful assistant. Answer every question briefly and politely, please.',
        'MODEL = "gpt-4o-mini"',
        'def ask(q):',
        '    """Ask the model one question and return its answer, or raise when it fails."""',
        '    if not q:',
        '        raise ValueError("The question must not be empty; pass the text of the question to ask.")',
        '    return [{"role": "system", "content": "You add numbers."}, {"role": "user", "content": q}]',
      ].join('\n'),
    );
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, editor.document.getText(l.range)]), [[7, '"You add numbers."']]);
  });
});

describe('the dataset pick and "Create dataset…"', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;
  const CONFIG = 'config/features.json';
  const NEW_DATASET = 'data/created-examples.jsonl';

  before(async () => {
    api = await oproApi();
    server = await useFakeModels({}, { steps: 0 });
    mkdirSync(workspacePath('config'), { recursive: true });
    writeFileSync(workspacePath(CONFIG), '{\n  "darkMode": true,\n  "search": {"fuzzy": false}\n}\n');
  });
  beforeEach(() => {
    prompter = new ScriptedPrompter();
    restore = api.usePrompter(prompter);
  });
  afterEach(async () => {
    restore();
    await closeAllEditors();
  });
  after(async () => {
    rmSync(workspacePath(CONFIG), { force: true });
    rmSync(workspacePath(NEW_DATASET), { force: true });
    await server.close();
    await resetModelSettings();
  });

  it('lists files that load as datasets first, then the others under a separator with the reason', async () => {
    await openMarked('src/pick-ds.ts', "const PROMPT = 'Add the numbers in the list|.';\n");
    prompter.answers.pick = () => undefined;
    await vscode.commands.executeCommand(COMMAND_IDS.evaluatePrompt);
    const rows = prompter.picks[0] ?? [];
    assert.equal(rows[0]?.label, DATASET, 'the usable dataset is first (and so preselected)');
    assert.equal(rows[0]?.description, 'question → answer');
    const separator = rows.findIndex((r) => r.separator === true && r.label === 'Not usable as a dataset');
    const config = rows.findIndex((r) => r.label === CONFIG);
    assert.ok(separator > 0 && config > separator, JSON.stringify(rows));
    assert.equal(rows[config]?.description, 'an object with keys [darkMode, search], not an array of examples');
    assert.ok(rows.some((r) => r.label.endsWith('Create dataset…')));
  });

  it('writes a JSON Lines scaffold with the drafted inputs and an empty answer, opens it, and offers it first next time', async () => {
    await openMarked('src/create-ds.ts', "const PROMPT = 'Add the two numbers and reply with the sum|.';\n");
    prompter.answers.pick = (labels) => labels.find((l) => l.endsWith('Create dataset…')) ?? labels.find((l) => l.startsWith('Draft 10 inputs'));
    prompter.answers.input = () => NEW_DATASET;
    server.resetStats();
    const outcome = await vscode.commands.executeCommand<ScoredCandidate | undefined>(COMMAND_IDS.evaluatePrompt);
    assert.equal(outcome, undefined, 'nothing is scored until the answers are written');
    const rows = readFileSync(workspacePath(NEW_DATASET), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    assert.equal(rows.length, 10);
    assert.deepEqual(Object.keys(rows[0]!), ['input', 'answer']);
    assert.ok(rows.every((r) => /^What is \d+ \+ \d+\?$/.test(r.input ?? '') && r.answer === ''), JSON.stringify(rows));
    assert.equal(server.stats.completions.scorer + server.stats.completions.optimizer, 1, 'one drafting request');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, workspacePath(NEW_DATASET));
    assert.match(prompter.toasts.at(-1)?.message ?? '', /Created data\/created-examples\.jsonl with 10 drafted inputs\. Write the expected answer of each row/);

    prompter.picks.length = 0;
    prompter.answers.pick = () => undefined;
    await openMarked('src/create-ds.ts', "const PROMPT = 'Add the two numbers and reply with the sum|.';\n");
    await vscode.commands.executeCommand(COMMAND_IDS.evaluatePrompt);
    assert.equal(prompter.picks[0]?.[0]?.label, NEW_DATASET);
  });

  it('a run on the scaffold before the answers are written names the file, the line and the empty answer', async () => {
    await openMarked('src/create-ds.ts', "const PROMPT = 'Add the two numbers and reply with the sum|.';\n");
    prompter.answers.pick = (labels) => labels[0];
    await vscode.commands.executeCommand(COMMAND_IDS.evaluatePrompt, { datasetPath: workspacePath(NEW_DATASET), position: 'Q_begin' });
    assert.match(prompter.errors()[0]?.message ?? '', /created-examples\.jsonl:1: row has an empty `answer`/);
  });
});

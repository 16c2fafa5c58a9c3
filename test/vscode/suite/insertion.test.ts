import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../../src/core/runRecord';
import type { RunView } from '../../../src/core/runView';
import { readRunExamples } from '../../../src/core/store/readRun';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import { scanLiterals } from '../../../src/extension/literals/scanLiterals';
import type { RunOutcome } from '../../../src/extension/runs/runManager';
import type { FakeServer } from '../../support/fakeLlmServer';
import { goAssignedValue, pythonAssignedValue, pythonSyntaxError, typescriptAssignedValue } from '../../unit/extension/literals/parsers';
import { oproApi } from '../support/extension';
import { resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, workspacePath } from '../support/workspace';

/** Everything a literal finds hard: quotes of every kind, backslashes, newlines, `${`, braces, non-ASCII. */
const TRICKY = 'Say "hi" & \'bye\'\n\tUse \\d+, ${total}, ${style}, {name}, {{x}} and `code`.\n""" or \'\'\' é😀 \\';

type Check = (text: string, file: string) => string;

const typescriptValue: Check = (text, file) => typescriptAssignedValue(file, text, 'p');
const pythonValue: Check = (text, file) => {
  writeFileSync(file, text);
  const error = pythonSyntaxError(file);
  assert.equal(error, undefined, `${file} does not parse:\n${error}\n${text}`);
  return pythonAssignedValue(file, 'p');
};
const jsonValue: Check = (text) => (JSON.parse(text) as { prompt: string }).prompt;
/** Go's own parser reads the file, and the extension's scanner finds exactly one string in it. */
const goValue: Check = (text, file) => {
  assert.equal(scanLiterals('go', text).length, 1, text);
  writeFileSync(file, text);
  return goAssignedValue(file, 'p');
};

const CASES: { name: string; file: string; marked: string; value: Check }[] = [
  { name: "TypeScript '…'", file: 'src/ins-single.ts', marked: "const p = 'Solve| it.';\nexport { p };\n", value: typescriptValue },
  { name: 'TypeScript "…"', file: 'src/ins-double.ts', marked: 'const p = "Solve| it.";\nexport { p };\n', value: typescriptValue },
  { name: 'TypeScript `…${}`', file: 'src/ins-template.ts', marked: 'const style = "x";\nconst p = `Solve| in ${style} style.`;\nexport { p };\n', value: typescriptValue },
  { name: "JavaScript '…'", file: 'src/ins-plain.js', marked: "const p = 'Solve| it.';\nmodule.exports = p;\n", value: typescriptValue },
  { name: "Python '…'", file: 'scripts/ins_single.py', marked: "p = 'Solve| it.'\n", value: pythonValue },
  { name: 'Python "…"', file: 'scripts/ins_double.py', marked: 'p = "Solve| it."\n', value: pythonValue },
  { name: "Python '''…'''", file: 'scripts/ins_triple1.py', marked: "p = '''Solve\n it|.'''\n", value: pythonValue },
  { name: 'Python """…"""', file: 'scripts/ins_triple2.py', marked: 'p = """Solve\n it|."""\n', value: pythonValue },
  { name: 'Python f"…{name}"', file: 'scripts/ins_f.py', marked: 'name = "n"\np = f"Solve| it, {name}."\n', value: pythonValue },
  { name: 'Python rf"""…"""', file: 'scripts/ins_rf.py', marked: 'name = "n"\np = rf"""Solve \\d| {name}"""\n', value: pythonValue },
  { name: "Python r'…'", file: 'scripts/ins_raw.py', marked: "p = r'Solve \\d+| it.'\n", value: pythonValue },
  { name: "Python b'…'", file: 'scripts/ins_bytes.py', marked: "p = b'Solve| it.'\n", value: pythonValue },
  { name: 'JSON string', file: 'data/ins-prompt.json', marked: '{\n  "prompt": "Solve| it."\n}\n', value: jsonValue },
  { name: 'Go "…"', file: 'go/ins_interpreted.go', marked: 'package main\n\nvar p = "Solve| it."\n', value: goValue },
  { name: 'Go `…` (holds no backtick: becomes "…")', file: 'go/ins_raw.go', marked: 'package main\n\nvar p = `Solve| \\d it.`\n', value: goValue },
];

describe('inserting an instruction keeps the file parseable and the literal equal to it', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;

  /** A run on the prompt at the cursor, cheap: the seed is scored and nothing else. */
  async function runHere(): Promise<RunView> {
    const outcome = await vscode.commands.executeCommand<RunOutcome>(COMMAND_IDS.optimizePrompt, { datasetPath: workspacePath(DATASET) });
    assert.ok(outcome.record, JSON.stringify(prompter.toasts));
    return outcome.record;
  }

  before(async () => {
    api = await oproApi();
    server = await useFakeModels({}, { steps: 0 });
    prompter = new ScriptedPrompter();
    restore = api.usePrompter(prompter);
  });
  after(async () => {
    restore();
    await server.close();
    await resetModelSettings();
    await closeAllEditors();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const editor = await openMarked(c.file, c.marked);
      const record = await runHere();
      await api.services.controller.insert(record.id, { text: TRICKY });
      const text = editor.document.getText();
      assert.equal(c.value(text, join(workspacePath('scripts'), `check_tmp${extname(c.file)}`)), TRICKY, text);
    });
  }

  it('finds the prompt after edits above it and replaces only it; a second insert replaces the first', async () => {
    const editor = await openMarked('src/ins-moved.ts', "const q = 'Solve it.';\nconst p = 'Solve| it.';\n");
    const record = await runHere();
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// added after the run started\n'));
    await api.services.controller.insert(record.id, { text: 'First winner.' });
    await api.services.controller.insert(record.id, { text: 'Second "winner".' });
    assert.equal(editor.document.getText(), "// added after the run started\nconst q = 'Solve it.';\nconst p = 'Second \"winner\".';\n");
  });

  it('is one undoable edit', async () => {
    const editor = await openMarked('src/ins-undo.ts', "const p = 'Solve| it.';\n");
    const record = await runHere();
    await api.services.controller.insert(record.id, { text: 'Better.' });
    assert.equal(editor.document.getText(), "const p = 'Better.';\n");
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), "const p = 'Solve it.';\n");
  });

  it('asks before writing anywhere when the original prompt was edited away, and can copy instead', async () => {
    const editor = await openMarked('src/ins-gone.ts', "const p = 'Solve| it.';\n");
    const record = await runHere();
    await editor.edit((b) => b.replace(new vscode.Range(0, 11, 0, 16), 'Fix'));
    prompter.answers.button = (toast) => (toast.isModal ? 'Copy' : undefined);
    await api.services.controller.insert(record.id, { text: 'Copied instead.' });
    prompter.answers.button = undefined;
    assert.equal(editor.document.getText(), "const p = 'Fix it.';\n");
    assert.match(prompter.toasts.at(-1)?.message ?? '', /no longer in src\/ins-gone\.ts/);
    assert.equal(await vscode.env.clipboard.readText(), 'Copied instead.');
  });

  it('copies, shows a diff of the original against a candidate, and opens a dataset row', async () => {
    await openMarked('src/ins-diff.ts', "const p = 'Solve| it.';\n");
    const record = await runHere();
    await api.services.controller.copy({ text: 'Copied.' });
    assert.equal(await vscode.env.clipboard.readText(), 'Copied.');
    await api.services.controller.showDiff(record.id, { text: 'Solve it, step by step.' });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `active tab: ${tab?.label}`);
    const [left, right] = await Promise.all([tab.input.original, tab.input.modified].map((u) => vscode.workspace.openTextDocument(u)));
    assert.deepEqual([left?.getText(), right?.getText()], ['Solve it.', 'Solve it, step by step.']);
    await api.services.controller.openExample(record.id, 3);
    const active = vscode.window.activeTextEditor;
    assert.ok(active?.document.uri.fsPath.endsWith('arithmetic.jsonl'));
    const { examples } = await readRunExamples(await api.services.runs.fileOf(record.id));
    assert.equal(active?.selection.active.line, examples.find((e) => e.index === 3)!.line - 1);
  });

  it('exports the run as JSON, CSV and Markdown where the user saves it', async () => {
    await openMarked('src/ins-export.ts', "const p = 'Solve| it.';\n");
    const record = await runHere();
    const outputs: Record<string, string> = {};
    for (const format of ['json', 'csv', 'markdown'] as const) {
      const target = vscode.Uri.file(workspacePath(`exports/run.${format}`));
      prompter.answers.saveFile = () => target;
      await api.services.controller.exportRun(record.id, format);
      outputs[format] = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    }
    prompter.answers.saveFile = undefined;
    assert.equal((JSON.parse(outputs.json!) as RunRecord).id, record.id);
    assert.match(outputs.csv!, /^rank,id,step,origin,score,correct,total,validationScore,scoredAt,instruction\r\n1,/);
    assert.match(outputs.markdown!, new RegExp(`^# OPRO run ${record.id}\\n`));
  });
});

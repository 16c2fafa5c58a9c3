import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import * as vscode from 'vscode';
import { readRunRecord } from '../../../src/core/engine';
import { wilsonInterval } from '../../../src/core/stats/wilson';
import { TOOL_NAMES } from '../../../src/extension/agentIds';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';
import { estimatedCostFigure, noCostFigure } from '../../../src/extension/tools/confirmation';
import { OptimizePromptTool } from '../../../src/extension/tools/optimizePromptTool';
import type { FakeServer } from '../../support/fakeLlmServer';
import { syntheticAccuracy } from '../../support/syntheticTask';
import { EXTENSION_ID, oproApi } from '../support/extension';
import { resetModelSettings, useFakeModels } from '../support/fakeModels';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import { closeAllEditors, DATASET, openMarked, setSettings, workspacePath } from '../support/workspace';

const PROMPT_FILE = "// The prompt of the app.\nexport const PROMPT = 'Solve the arithmetic problem.';\n";
const NO_TOKEN = new vscode.CancellationTokenSource().token;

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

function datasetRows(): { question: string; answer: string }[] {
  return readFileSync(workspacePath(DATASET), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { question: string; answer: string });
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('opro.panel'));
}

describe('the language model tools, invoked through vscode.lm.invokeTool', () => {
  let api: OproExtensionApi;
  let server: FakeServer;
  let prompter: ScriptedPrompter;
  let restore: () => void;

  before(async () => {
    api = await oproApi();
  });
  beforeEach(async () => {
    prompter = new ScriptedPrompter();
    restore = api.usePrompter(prompter);
    server = await useFakeModels({}, { validationSplit: 0 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(async () => {
    restore();
    await server.close();
    await setSettings({ validationSplit: undefined });
    await resetModelSettings();
    await closeAllEditors();
  });

  it('are registered with their tags and input schemas', () => {
    const tools = vscode.lm.tools.filter((t) => (Object.values(TOOL_NAMES) as string[]).includes(t.name));
    assert.deepEqual(tools.map((t) => t.name).sort(), Object.values(TOOL_NAMES).sort());
    for (const tool of tools) {
      assert.ok(tool.tags.includes('opro'), tool.name);
      assert.deepEqual((tool.inputSchema as { required?: string[] } | undefined)?.required?.includes('dataset'), true);
    }
  });

  it('#evaluatePrompt scores each instruction with its Wilson interval and asks nothing', async () => {
    const rows = datasetRows();
    const instructions = ['Solve the problem.', 'Solve step by step and double-check.'];
    const result = await vscode.lm.invokeTool(TOOL_NAMES.evaluatePrompt, { input: { instructions, dataset: DATASET }, toolInvocationToken: undefined }, NO_TOKEN);
    const expected = instructions.map((instruction, i) => {
      const correct = Math.round(syntheticAccuracy(instruction, rows) * rows.length);
      const [low, high] = wilsonInterval(correct, rows.length);
      const pct = ((correct / rows.length) * 100).toFixed(1);
      return `${i + 1}. ${pct}% (95% CI ${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%, ${correct}/${rows.length}) on ${DATASET}:\n\`\`\`\n${instruction}\n\`\`\``;
    });
    assert.equal(textOf(result), expected.join('\n\n'));
    assert.deepEqual(prompter.questions, []);
    assert.equal(server.stats.completions.scorer, 2 * rows.length);
  });

  it('#optimizePrompt optimizes the literal on a file\'s line, reports the best prompt, its interval and the run file, and leaves the panel closed', async () => {
    await openMarked('src/toolRun.ts', PROMPT_FILE.replace('problem.', 'problem.|'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const input = { file: 'src/toolRun.ts', startLine: 2, dataset: DATASET, steps: 2 };
    const result = await vscode.lm.invokeTool(TOOL_NAMES.optimizePrompt, { input, toolInvocationToken: undefined }, NO_TOKEN);
    const text = textOf(result);
    const runFile = /^Saved run: (.+)$/m.exec(text)?.[1] ?? '';
    assert.ok(existsSync(runFile), text);
    const record = await readRunRecord(runFile);
    assert.equal(record.status, 'finished');
    assert.equal(record.config.seedInstructions[0], 'Solve the arithmetic problem.');
    assert.match(text, new RegExp(`^Run ${record.id} finished \\(steps\\): 2 of 2 steps`));
    assert.match(text, /Best prompt \(found at step \d\): \d+\.\d% \(95% CI [\d.]+–[\d.]+%, \d+\/30\) on the training rows\./);
    assert.match(text, /Original prompt: \d+\.\d% \(95% CI/);
    assert.match(text, /The prompt lives in src\/toolRun\.ts at line 2\. The user can open the run in the OPRO panel/);
    assert.deepEqual(panelTabs(), [], 'the panel opens only on request');
    assert.deepEqual(prompter.questions, []);
  });

  it('#optimizePrompt opens the panel when asked and uses the active selection without a file', async () => {
    await openMarked('src/toolRun2.ts', "const p = 'Add both numbers|.';\n");
    const result = await vscode.lm.invokeTool(TOOL_NAMES.optimizePrompt, { input: { dataset: DATASET, steps: 0, showPanel: true }, toolInvocationToken: undefined }, NO_TOKEN);
    assert.match(textOf(result), /finished \(steps\): 0 of 0 steps/);
    assert.match(textOf(result), /Best prompt \(the original; no candidate beat it\)/);
    assert.equal(panelTabs().length, 1);
  });

  it('confirms before spending: the estimated calls for the dataset and steps', async () => {
    await openMarked('src/toolRun3.ts', PROMPT_FILE);
    const tool = new OptimizePromptTool(api.services, noCostFigure);
    const prepared = await tool.prepareInvocation({ input: { file: 'src/toolRun3.ts', startLine: 2, dataset: DATASET, steps: 3 } }, NO_TOKEN);
    const rows = datasetRows().length;
    const calls = (1 + 3 * 4) * rows + 3 * 4; // seed + 3 steps × 4 candidates on every row, plus 12 optimizer calls
    assert.equal(prepared?.confirmationMessages?.title, 'Optimize this prompt with OPRO?');
    const message = (prepared?.confirmationMessages?.message as vscode.MarkdownString).value;
    assert.match(message, /^Optimizes the prompt at `src\/toolRun3\.ts` line 2 on `data\/arithmetic\.jsonl` \(30 training rows, 0 held out\): 3 steps of 4 candidates\./);
    assert.ok(message.includes(`**At most ${calls} model calls** to \`fake-scorer\` (scorer) and \`fake-optimizer\` (optimizer): ${calls - 12} scorer calls and 12 optimizer calls`), message);
    assert.equal(server.stats.completions.scorer, 0, 'preparing spends nothing');
  });

  it('states the expected cost and its bound at the configured prices, and no cost on a local server', async () => {
    await openMarked('src/toolRun4.ts', PROMPT_FILE);
    const input = { file: 'src/toolRun4.ts', startLine: 2, dataset: DATASET, steps: 3 };
    const messageOf = async (): Promise<string> => {
      const prepared = await new OptimizePromptTool(api.services, estimatedCostFigure).prepareInvocation({ input }, NO_TOKEN);
      return (prepared?.confirmationMessages?.message as vscode.MarkdownString).value;
    };
    assert.match(await messageOf(), /No cost: the models run on a local server/);
    await setSettings({ prices: { 'fake-scorer': { input: 2, output: 8 }, 'fake-optimizer': { input: 2, output: 8 } } });
    try {
      assert.match(await messageOf(), /\*\*Expected cost about \$\d+\.\d{2,4}\*\* \(at most \$\d+\.\d{2,4}\) at prices as of \d{4}-\d{2}-\d{2}; `opro\.maxCost` stops a run at a limit\./);
    } finally {
      await setSettings({ prices: undefined });
    }
    assert.deepEqual(server.stats.completions, { scorer: 0, optimizer: 0 }, 'preparing spends nothing');
  });

  it('fails with the question it cannot ask an agent, naming the choices', async () => {
    const csv = workspacePath('data/tool-qa.csv');
    const rows = ['prompt_text,gold', ...Array.from({ length: 6 }, (_, i) => `What is ${i} + ${i + 1}?,${2 * i + 1}`)];
    await vscode.workspace.fs.writeFile(vscode.Uri.file(csv), new TextEncoder().encode(rows.join('\n') + '\n'));
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool(TOOL_NAMES.evaluatePrompt, { input: { instructions: ['Add.'], dataset: 'data/tool-qa.csv' }, toolInvocationToken: undefined }, NO_TOKEN)),
      /A tool call cannot ask "Which column of data\/tool-qa\.csv holds the expected answer\?" \(choices: prompt_text, gold\); pass the answer as an argument\./,
    );
    const result = await vscode.lm.invokeTool(TOOL_NAMES.evaluatePrompt, { input: { instructions: ['Add.'], dataset: 'data/tool-qa.csv', inputColumn: 'prompt_text', targetColumn: 'gold' }, toolInvocationToken: undefined }, NO_TOKEN);
    assert.match(textOf(result), /^1\. [\d.]+% \(95% CI [\d.]+–[\d.]+%, \d\/6\) on data\/tool-qa\.csv:/);
  });

  it('fails with the reason and the saved run when the run fails midway', async () => {
    await openMarked('src/toolRun5.ts', PROMPT_FILE);
    const quota = api.services.runs.onDidChangeRun(({ event }) => {
      if (event.type === 'stepFinished') {
        server.setOptions({ quotaExhausted: true });
      }
    });
    try {
      const invoked = vscode.lm.invokeTool(TOOL_NAMES.optimizePrompt, { input: { file: 'src/toolRun5.ts', startLine: 2, dataset: DATASET, steps: 3 }, toolInvocationToken: undefined }, NO_TOKEN);
      await assert.rejects(Promise.resolve(invoked), (err: Error) => {
        assert.match(err.message, /quota/i);
        assert.match(err.message, /What finished is saved in .*\.opro\/runs\/[\w-]+\.json; "OPRO: Resume Run" continues it\./);
        return true;
      });
    } finally {
      quota.dispose();
    }
  });

  it('stops the run when the invocation is cancelled, keeping what finished', async () => {
    server.setOptions({ latencyMs: 30 });
    await openMarked('src/toolRun4.ts', PROMPT_FILE);
    const source = new vscode.CancellationTokenSource();
    const started = api.services.runs.onDidChangeRun(({ event }) => {
      if (event.type === 'stepFinished') {
        source.cancel();
      }
    });
    try {
      const invoked = Promise.resolve(vscode.lm.invokeTool(TOOL_NAMES.optimizePrompt, { input: { file: 'src/toolRun4.ts', startLine: 2, dataset: DATASET, steps: 5 }, toolInvocationToken: undefined }, source.token));
      const text = await invoked.then(textOf, (err: unknown) => String(err));
      const runs = await api.services.runs.files.list();
      const saved = await readRunRecord(runs[0]!.file);
      assert.equal(saved.status, 'cancelled', text);
      assert.ok(saved.steps.some((s) => s.done), 'the finished step is kept');
    } finally {
      started.dispose();
    }
  });
});

describe('the MCP server definition provider', () => {
  let api: OproExtensionApi;
  let server: FakeServer;

  before(async () => {
    api = await oproApi();
  });
  afterEach(async () => {
    await api.services.apiKeys.clear();
    await server.close();
    await resetModelSettings();
  });

  it('offers opro mcp with the bundled CLI, and starts it with the models and the key from SecretStorage in its environment only', async () => {
    const stored = 'sk-from-secret-storage-7d3a';
    server = await useFakeModels({ apiKey: stored });
    await api.services.apiKeys.set(stored);
    const [definition] = api.services.mcpServer.provideMcpServerDefinitions();
    assert.ok(definition !== undefined);
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    assert.equal(definition.command, process.execPath);
    assert.deepEqual(definition.args, [join(extensionPath, 'dist', 'cli.js'), 'mcp']);
    assert.equal(definition.cwd?.fsPath, workspacePath('.').replace(/\/\.?$/, ''));
    assert.ok(!JSON.stringify(definition).includes(stored), 'the listed definition holds no secret');

    const resolved = await api.services.mcpServer.resolveMcpServerDefinition(definition);
    assert.equal(resolved.env.OPENAI_API_KEY, stored);
    assert.equal(resolved.env.OPENAI_BASE_URL, server.url);
    assert.ok(!resolved.args.join(' ').includes(stored), 'the key is never an argument');
    assert.deepEqual(resolved.args.slice(resolved.args.indexOf('--scorer-model')), ['--scorer-model', 'fake-scorer', '--optimizer-model', 'fake-optimizer']);

    // Start it as VS Code does: the command, its arguments and the extension host's environment plus the definition's.
    const env = Object.fromEntries(Object.entries({ ...process.env, ...resolved.env }).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const client = new Client({ name: 'vscode-test', version: '1' });
    await client.connect(new StdioClientTransport({ command: resolved.command, args: resolved.args, env, cwd: resolved.cwd?.fsPath, stderr: 'ignore' }));
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name), ['optimize', 'evaluate', 'resume', 'show-run']);
      const result = (await client.callTool({ name: 'evaluate', arguments: { prompts: ['Solve the problem.'], dataset: DATASET } })) as { structuredContent?: { results: { total: number }[] }; isError?: boolean };
      assert.equal(result.isError, undefined, JSON.stringify(result));
      assert.equal(result.structuredContent?.results[0]?.total, datasetRows().length, 'the stored key reached the endpoint');
    } finally {
      await client.close();
    }
  });

  it('is registered with VS Code: starting it there lists its tools among the language model tools', async () => {
    server = await useFakeModels();
    const id = `${EXTENSION_ID}/OPRO`;
    await vscode.commands.executeCommand('workbench.mcp.startServer', id, { waitForLiveTools: true, autoTrustChanges: true });
    const deadline = Date.now() + 20_000;
    let names: string[] = [];
    while (Date.now() < deadline) {
      names = vscode.lm.tools.map((t) => t.name).filter((n) => /mcp/i.test(n) && /opro/i.test(n));
      if (names.length >= 4) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await vscode.commands.executeCommand('workbench.mcp.stopServer', id);
    assert.deepEqual(names.map((n) => n.replace(/^.*_/, '')).sort(), ['evaluate', 'optimize', 'resume', 'show-run'].sort(), vscode.lm.tools.map((t) => t.name).join(', '));
  });

  it('tells VS Code when the settings or the key change', async () => {
    server = await useFakeModels();
    let changes = 0;
    const listener = api.services.mcpServer.onDidChangeMcpServerDefinitions(() => (changes += 1));
    try {
      await setSettings({ steps: 3 });
      await api.services.apiKeys.set('sk-another-key');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(changes >= 2, `${changes} change events`);
    } finally {
      listener.dispose();
    }
  });
});

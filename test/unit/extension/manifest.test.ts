import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readLocalizedManifest } from '../../../scripts/l10nManifest';
import { MCP_PROVIDER_ID, TOOL_NAMES } from '../../../src/extension/agentIds';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import { CODE_LANGUAGES, PROMPT_FILE_LANGUAGES } from '../../../src/extension/editor/codeLensLanguages';
import { SETTING_KEYS } from '../../../src/extension/settingKeys';
import { METRIC_SETTINGS } from '../../../src/extension/settingValues';

interface WalkthroughStep {
  id: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

interface Manifest {
  activationEvents: string[];
  icon: string;
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  contributes: {
    walkthroughs: { id: string; steps: WalkthroughStep[] }[];
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string; enum?: string[] }> };
  };
}

const ROOT = join(__dirname, '../../..');
/** As VS Code reads it: the `%key%` strings resolved from package.nls.json. */
const manifest = readLocalizedManifest<Manifest>();
/** Built-in commands the walkthrough may link to. */
const BUILT_IN_COMMANDS = new Set(['workbench.action.quickOpen']);

describe('package.json and the extension agree', () => {
  it('contributes exactly the commands of COMMAND_IDS, each opro.<verbNoun> in category OPRO', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMAND_IDS).sort());
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^opro\.[a-z]+[A-Z][A-Za-z]*$/);
      assert.equal(command.category, 'OPRO', command.command);
    }
  });

  it('only puts contributed commands in menus', () => {
    const ids = new Set<string>(Object.values(COMMAND_IDS));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        assert.ok(ids.has(entry.command), `${menu}: ${entry.command}`);
      }
    }
  });

  it('declares every setting of SETTING_KEYS with a default and a description, and no other', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), Object.values(SETTING_KEYS).sort());
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok('default' in schema, `${key} has a default`);
      assert.ok(schema.description ?? schema.markdownDescription, `${key} has a description`);
    }
  });

  it('offers every metric kind and grader in opro.metric', () => {
    assert.deepEqual(manifest.contributes.configuration.properties[SETTING_KEYS.metric]?.enum, [...METRIC_SETTINGS]);
  });

  it('ignores workspace values of the endpoint and custom scorer settings in an untrusted workspace', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...(untrusted.restrictedConfigurations ?? [])].sort(), ['opro.azure.apiVersion', 'opro.baseUrl', 'opro.customScorer', 'opro.judge.rubricFile', 'opro.provider']);
  });

  it('has a 128×128 PNG icon', () => {
    const png = readFileSync(join(ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('walks through choosing a provider, setting a key and running the example, each step with its markdown and working buttons', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough?.steps.map((s) => s.id), ['chooseProvider', 'setApiKey', 'runExample']);
    const ids = new Set<string>(Object.values(COMMAND_IDS));
    for (const step of walkthrough?.steps ?? []) {
      const markdown = join(ROOT, step.media.markdown ?? '');
      assert.ok(step.media.markdown?.startsWith('media/walkthrough/') && existsSync(markdown) && statSync(markdown).isFile(), `${step.id}: ${step.media.markdown}`);
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1] ?? '');
      const completing = (step.completionEvents ?? []).map((e) => e.replace(/^onCommand:/, ''));
      assert.ok(linked.length > 0, `${step.id} has a button`);
      for (const command of [...linked, ...completing]) {
        assert.ok(ids.has(command) || BUILT_IN_COMMANDS.has(command), `${step.id}: ${command}`);
      }
    }
  });

  it('never activates on startup', () => {
    assert.ok(!manifest.activationEvents.some((e) => e === '*' || e === 'onStartupFinished'));
  });

  it('activates on every language that gets the CodeLens, prompt files and Prompty included', () => {
    for (const language of [...CODE_LANGUAGES, ...PROMPT_FILE_LANGUAGES]) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    }
  });
});

describe('the agent contributions in package.json', () => {
  interface Tool {
    name: string;
    toolReferenceName?: string;
    displayName?: string;
    modelDescription?: string;
    canBeReferencedInPrompt?: boolean;
    inputSchema?: { type?: string; properties?: Record<string, { description?: string }>; required?: string[]; oneOf?: unknown; anyOf?: unknown };
  }
  const raw = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
    devDependencies: Record<string, string>;
    contributes: { languageModelTools: Tool[]; mcpServerDefinitionProviders: { id: string; label: string }[] };
  };

  it('declares exactly the tools of TOOL_NAMES, each referenceable by #name with a described object schema', () => {
    const tools = raw.contributes.languageModelTools;
    assert.deepEqual(tools.map((t) => t.name), Object.values(TOOL_NAMES));
    assert.deepEqual(tools.map((t) => t.toolReferenceName), Object.keys(TOOL_NAMES));
    for (const tool of tools) {
      assert.equal(tool.canBeReferencedInPrompt, true, tool.name);
      assert.ok((tool.modelDescription ?? '').length > 200, `${tool.name} tells the model when to use it`);
      assert.equal(tool.inputSchema?.type, 'object');
      assert.equal(tool.inputSchema?.oneOf ?? tool.inputSchema?.anyOf, undefined, 'no top-level oneOf/anyOf: some model APIs refuse them');
      assert.ok(tool.inputSchema?.required?.includes('dataset'));
      for (const [name, property] of Object.entries(tool.inputSchema?.properties ?? {})) {
        assert.ok((property.description ?? '') !== '', `${tool.name}.${name} has a description`);
      }
      assert.ok(!JSON.stringify(tool.inputSchema).toLowerCase().includes('key'), `${tool.name} takes no key`);
    }
  });

  it('declares the MCP server provider that activate registers', () => {
    assert.deepEqual(raw.contributes.mcpServerDefinitionProviders.map((p) => p.id), [MCP_PROVIDER_ID]);
  });

  it('requires VS Code 1.101 (registerMcpServerDefinitionProvider) and types for exactly that minimum', () => {
    // lm.registerTool, lm.invokeTool and languageModelTools came in 1.95; MCP server definition providers in 1.101.
    assert.equal(raw.engines.vscode, '^1.101.0');
    const types = /^[~^]?(\d+\.\d+)\./.exec(raw.devDependencies['@types/vscode'] ?? '')?.[1];
    assert.equal(types, /^\^(\d+\.\d+)\./.exec(raw.engines.vscode)?.[1], '@types/vscode matches engines.vscode, so no newer API type-checks');
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
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
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
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
});

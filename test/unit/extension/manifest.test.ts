import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import { SETTING_KEYS } from '../../../src/extension/settingKeys';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;

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

  it('never activates on startup', () => {
    assert.ok(!manifest.activationEvents.some((e) => e === '*' || e === 'onStartupFinished'));
  });
});

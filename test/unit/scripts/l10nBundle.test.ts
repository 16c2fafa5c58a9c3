import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { asExtractorSees, BUNDLE_FILE, buildL10nBundle, formatBundle } from '../../../scripts/l10nBundle';
import { extractManifestStrings, MANIFEST_FILE, manifestNlsProblems, NLS_FILE, resolveNls } from '../../../scripts/l10nManifest';

describe('l10n/bundle.l10n.json', () => {
  let bundle: Awaited<ReturnType<typeof buildL10nBundle>>;
  before(async () => {
    bundle = await buildL10nBundle();
  });

  it('holds exactly the messages of the code’s vscode.l10n.t calls (run `npm run l10n` after changing one)', () => {
    assert.equal(readFileSync(BUNDLE_FILE, 'utf8'), formatBundle(bundle), 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
  });

  it('has the messages of direct calls, of `const t = vscode.l10n.t` and of helpers that take a localizer', () => {
    for (const message of ['Nothing to optimize.', 'Enter a key, or press Escape to leave things as they are.', 'step {0}/{1}']) {
      assert.equal(bundle[message], message);
    }
  });

  it('shows l10n-dev the calls through a `t` bound to the localizer, and leaves other files alone', () => {
    const bound = "import * as vscode from 'vscode';\nconst t = vscode.l10n.t;\nconst m = t('Hi {0}', name) + format('x');";
    assert.equal(asExtractorSees(bound), "import * as vscode from 'vscode';\nconst t = vscode.l10n.t;\nconst m = vscode.l10n.t('Hi {0}', name) + format('x');");
    const helper = "export function f(t: Localize): string {\n  return t('Done');\n}";
    assert.equal(asExtractorSees(helper), "import * as vscode from 'vscode';\nexport function f(t: Localize): string {\n  return vscode.l10n.t('Done');\n}");
    const other = "const t = (x: string) => x;\nt('not a message');";
    assert.equal(asExtractorSees(other), other);
  });
});

describe('package.nls.json', () => {
  it('holds every user-visible string of package.json, each used there as %key% (run `npm run l10n` after adding one)', () => {
    const nls = JSON.parse(readFileSync(NLS_FILE, 'utf8')) as Record<string, string>;
    assert.deepEqual(manifestNlsProblems(readFileSync(MANIFEST_FILE, 'utf8'), nls), []);
  });

  it('moves plain strings into %key% references named by the item’s id, leaves the rest of the text as it was', () => {
    const text = [
      '{',
      '  "displayName": "%displayName%",',
      '  "contributes": {',
      '    "commands": [{ "command": "opro.go", "title": "Go \\"now\\"", "category": "OPRO" }],',
      '    "configuration": { "properties": { "opro.x": { "type": "string", "enum": ["a", "b"], "enumDescriptions": ["First", "Second"] } } },',
      '    "languageModelTools": [{ "name": "t", "modelDescription": "For the model." }]',
      '  }',
      '}',
    ].join('\n');
    const { manifestText, nls } = extractManifestStrings(text, { displayName: 'OPRO' });
    assert.equal(
      manifestText,
      text
        .replace('"Go \\"now\\""', '"%commands.opro.go.title%"')
        .replace('["First", "Second"]', '["%configuration.opro.x.enumDescriptions.0%", "%configuration.opro.x.enumDescriptions.1%"]'),
    );
    assert.deepEqual(nls, {
      'commands.opro.go.title': 'Go "now"',
      'configuration.opro.x.enumDescriptions.0': 'First',
      'configuration.opro.x.enumDescriptions.1': 'Second',
      displayName: 'OPRO',
    });
    assert.deepEqual(manifestNlsProblems(manifestText, nls), []);
    assert.deepEqual(manifestNlsProblems(text, { displayName: 'OPRO', unused: 'x' }), [
      'contributes.commands.0.title is plain text: run `npm run l10n`',
      'contributes.configuration.properties.opro.x.enumDescriptions.0 is plain text: run `npm run l10n`',
      'contributes.configuration.properties.opro.x.enumDescriptions.1 is plain text: run `npm run l10n`',
      'unused in package.nls.json is used nowhere',
    ]);
    assert.deepEqual(resolveNls(JSON.parse(manifestText) as unknown, nls), resolveNls(JSON.parse(text) as unknown, { displayName: 'OPRO' }), 'VS Code shows the same text');
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { asExtractorSees, BUNDLE_FILE, buildL10nBundle, formatBundle } from '../../../scripts/l10nBundle';

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

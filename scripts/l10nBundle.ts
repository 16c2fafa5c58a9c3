// `npm run l10n`: generates l10n/bundle.l10n.json, the English bundle of every `vscode.l10n.t` message,
// with @vscode/l10n-dev, and moves the manifest's plain strings into package.nls.json (l10nManifest.ts);
// test/unit/scripts/l10nBundle.test.ts fails when either is out of date. A translation is then two
// files beside them: l10n/bundle.l10n.<locale>.json and package.nls.<locale>.json.
//
// The extension writes `const t = vscode.l10n.t` and hands `t` to vscode-free helpers (typed
// `Localize`), which l10n-dev's extractor does not follow: in a file that binds `t` so, each `t(`
// call is shown to it as `vscode.l10n.t(`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';
import { extractManifestStrings, MANIFEST_FILE, NLS_FILE } from './l10nManifest';

const ROOT = join(__dirname, '..');
export const BUNDLE_FILE = join(ROOT, 'l10n', 'bundle.l10n.json');
const SOURCES = join(ROOT, 'src', 'extension');

const BINDS_LOCALIZER = /\bconst t = vscode\.l10n\.t\b|\bt: Localize\b/;
const ALIAS_CALL = /(?<![\w.$])t\(/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The file as l10n-dev should read it: alias calls spelled out, with the `vscode` import they need. */
export function asExtractorSees(contents: string): string {
  if (!BINDS_LOCALIZER.test(contents)) {
    return contents;
  }
  const spelled = contents.replace(ALIAS_CALL, 'vscode.l10n.t(');
  return /from 'vscode'/.test(spelled) ? spelled : `import * as vscode from 'vscode';\n${spelled}`;
}

/** Every message of the extension's code, sorted by key so the file diffs well. */
export async function buildL10nBundle(): Promise<l10nJsonFormat> {
  const files = sourceFiles(SOURCES).filter((file) => /l10n\.t\b|\bt: Localize\b/.test(readFileSync(file, 'utf8')));
  const bundle = await getL10nJson(files.map((file) => ({ contents: asExtractorSees(readFileSync(file, 'utf8')), extension: '.ts' })));
  return Object.fromEntries(Object.entries(bundle).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function formatBundle(bundle: l10nJsonFormat): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

async function main(): Promise<void> {
  const bundle = await buildL10nBundle();
  writeFileSync(BUNDLE_FILE, formatBundle(bundle));
  console.log(`${relative(ROOT, BUNDLE_FILE)}: ${Object.keys(bundle).length} messages`);
  const nls = existsSync(NLS_FILE) ? (JSON.parse(readFileSync(NLS_FILE, 'utf8')) as Record<string, string>) : {};
  const extracted = extractManifestStrings(readFileSync(MANIFEST_FILE, 'utf8'), nls);
  writeFileSync(MANIFEST_FILE, extracted.manifestText);
  writeFileSync(NLS_FILE, formatBundle(extracted.nls));
  console.log(`${relative(ROOT, NLS_FILE)}: ${Object.keys(extracted.nls).length} strings of package.json`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

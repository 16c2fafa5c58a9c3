import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Entry {
  name: string;
  size: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { listZipEntries, checkVsix, MAX_BYTES } = require('../../../scripts/checkVsix.js') as {
  listZipEntries: (zip: Buffer) => Entry[];
  checkVsix: (input: { entries: Entry[]; bytes: number; manifest: unknown }) => string[];
  MAX_BYTES: number;
};

const manifest: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

/** A zip of stored (uncompressed) files with a trailing comment, enough for a central-directory reader. */
function storedZip(files: Record<string, string>, comment = 'vsce'): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

const GOOD = {
  'extension.vsixmanifest': '<xml/>',
  '[Content_Types].xml': '<xml/>',
  'extension/package.json': '{}',
  'extension/package.nls.json': '{}',
  'extension/l10n/bundle.l10n.json': '{}',
  'extension/readme.md': '# OPRO',
  'extension/changelog.md': '# Changes',
  'extension/LICENSE.txt': 'MIT',
  'extension/dist/extension.js': 'exports.activate = () => {};',
  'extension/dist/cli.js': '#!/usr/bin/env node',
  'extension/dist/webview/panel.js': '',
  'extension/dist/webview/panel.css': '',
  'extension/media/icon.png': 'png',
  'extension/media/opro.svg': '<svg/>',
  'extension/media/walkthrough/chooseProvider.md': '#',
  'extension/media/walkthrough/setApiKey.md': '#',
  'extension/media/walkthrough/runExample.md': '#',
};

describe('checkVsix', () => {
  it('lists a zip\'s entries with their sizes from the central directory', () => {
    assert.deepEqual(listZipEntries(storedZip({ 'a.txt': 'hello', 'dir/b.json': '{}' })), [
      { name: 'a.txt', size: 5 },
      { name: 'dir/b.json', size: 2 },
    ]);
    assert.throws(() => listZipEntries(Buffer.from('not a zip at all, just text')), /no end-of-central-directory record/);
  });

  it('accepts the bundles, the manifest, the docs and the media package.json points at', () => {
    const zip = storedZip(GOOD);
    assert.deepEqual(checkVsix({ entries: listZipEntries(zip), bytes: zip.length, manifest }), []);
  });

  it('ships a translation beside the English bundle, and nothing else from l10n/', () => {
    const entries = listZipEntries(storedZip({ ...GOOD, 'extension/l10n/bundle.l10n.de.json': '{}', 'extension/package.nls.pt-br.json': '{}', 'extension/l10n/notes.txt': '' }));
    assert.deepEqual(checkVsix({ entries, bytes: 1000, manifest }).map((problem) => problem.split(' ')[0]), ['extension/l10n/notes.txt']);
  });

  it('flags the test-only language model provider extension, wherever it would come from', () => {
    const stray = ['extension/test/vscode/lmProvider/package.json', 'extension/test/vscode/lmProvider/extension.ts', 'extension/out/test-lm-provider/extension.js'];
    const entries = listZipEntries(storedZip({ ...GOOD, ...Object.fromEntries(stray.map((name) => [name, '{}'])) }));
    assert.deepEqual(checkVsix({ entries, bytes: 1000, manifest }).map((problem) => problem.split(' ')[0]), stray);
  });

  it('names every stray file, every missing required file, and an oversized package', () => {
    const { 'extension/media/icon.png': _icon, 'extension/dist/webview/panel.css': _css, 'extension/l10n/bundle.l10n.json': _bundle, ...rest } = GOOD;
    const entries = listZipEntries(storedZip({ ...rest, 'extension/src/extension/extension.ts': '', 'extension/dist/extension.js.map': '' }));
    assert.deepEqual(checkVsix({ entries, bytes: MAX_BYTES + 1, manifest }), [
      'extension/src/extension/extension.ts should not be packaged (add it to the allowed set in scripts/checkVsix.js, or keep it out with .vscodeignore)',
      'extension/dist/extension.js.map should not be packaged (add it to the allowed set in scripts/checkVsix.js, or keep it out with .vscodeignore)',
      'extension/dist/webview/panel.css is missing',
      'extension/media/icon.png is missing',
      'extension/l10n/bundle.l10n.json is missing',
      'the package is 2097153 bytes (2.00 MB), over the limit of 2097152 bytes (2 MB)',
    ]);
  });
});

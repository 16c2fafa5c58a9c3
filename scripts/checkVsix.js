#!/usr/bin/env node
// Checks the packaged extension (`npm run package:check` runs it after `npm run package`): lists the
// .vsix entries from the zip's central directory and fails when a file outside the allowed set is in
// it, a file the extension needs is missing, or the package is larger than 2 MB.
//   node scripts/checkVsix.js [file.vsix]   (default: <name>-<version>.vsix in the repository)
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const MAX_BYTES = 2 * 1024 * 1024;

/** What may be in the package (.vscodeignore keeps the rest out); paths as vsce writes them. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/cli\.js$/,
  /^extension\/dist\/webview\/panel\.(js|css)$/,
  /^extension\/media\/[^/]+\.(svg|css|png)$/,
  /^extension\/media\/walkthrough\/[^/]+\.md$/,
];

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/** The entries of a zip file, from its central directory: name and uncompressed size. */
function listZipEntries(zip) {
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new Error('ZIP64 archives are not expected for a vsix');
  }
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw new Error(`Broken zip: no central directory header for entry ${i + 1} of ${count}`);
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    const skip = nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size: zip.readUInt32LE(offset + 24) });
    offset += 46 + skip;
  }
  return entries;
}

function findEndOfCentralDirectory(zip) {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) {
      return at;
    }
  }
  throw new Error('Not a zip file: no end-of-central-directory record');
}

/**
 * Files the extension cannot work without: the bundles, the manifest, the readme and what package.json
 * points at (its `%key%` strings need package.nls.json; its `l10n` folder holds the message bundle).
 */
function requiredEntries(manifest) {
  const media = [
    manifest.icon,
    ...(manifest.contributes?.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.media?.markdown ?? s.media?.image)),
    ...(manifest.contributes?.viewsContainers?.activitybar ?? []).map((c) => c.icon),
    typeof manifest.l10n === 'string' ? `${manifest.l10n}/bundle.l10n.json` : undefined,
    JSON.stringify(manifest).includes('"%') ? 'package.nls.json' : undefined,
  ].filter((file) => typeof file === 'string');
  const files = ['package.json', 'readme.md', 'dist/extension.js', 'dist/cli.js', 'dist/webview/panel.js', 'dist/webview/panel.css', ...media];
  return [...new Set(files.map((file) => `extension/${file.replace(/^\.\//, '')}`))];
}

/** Every problem with the package (empty when it is fine). */
function checkVsix({ entries, bytes, manifest }) {
  const names = new Set(entries.map((e) => e.name));
  const problems = [];
  for (const entry of entries) {
    if (!ALLOWED.some((pattern) => pattern.test(entry.name))) {
      problems.push(`${entry.name} should not be packaged (add it to the allowed set in scripts/checkVsix.js, or keep it out with .vscodeignore)`);
    }
  }
  for (const name of requiredEntries(manifest)) {
    if (!names.has(name)) {
      problems.push(`${name} is missing`);
    }
  }
  if (bytes > MAX_BYTES) {
    problems.push(`the package is ${bytes} bytes (${formatSize(bytes)}), over the limit of ${MAX_BYTES} bytes (2 MB)`);
  }
  return problems;
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const file = path.resolve(process.argv[2] ?? path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`));
  if (!fs.existsSync(file)) {
    console.error(`checkVsix: ${path.relative(process.cwd(), file)} does not exist; run \`npm run package\` first.`);
    process.exit(1);
  }
  const zip = fs.readFileSync(file);
  const entries = listZipEntries(zip);
  for (const entry of entries) {
    console.log(`${formatSize(entry.size).padStart(10)}  ${entry.name}`);
  }
  const problems = checkVsix({ entries, bytes: zip.length, manifest });
  if (problems.length > 0) {
    console.error(`\ncheckVsix: ${path.basename(file)} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`\ncheckVsix: ${path.basename(file)} is fine: ${entries.length} files, ${formatSize(zip.length)}.`);
}

if (require.main === module) {
  main();
}

module.exports = { listZipEntries, checkVsix, requiredEntries, MAX_BYTES };

// Generates README.md's tables of commands and settings from package.json (`npm run docs`);
// test/unit/readme.test.ts fails when README.md and package.json drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLocalizedManifest } from './l10nManifest';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { type?: string | string[]; default?: unknown; description?: string; markdownDescription?: string; enum?: string[] }> };
  };
}

const ROOT = join(__dirname, '..');

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

function shown(value: unknown): string {
  if (value === undefined || value === '') {
    return '—';
  }
  return `\`${JSON.stringify(value)}\``;
}

export function commandsTable(manifest: Manifest): string {
  const rows = manifest.contributes.commands.map((c) => `| ${c.category === undefined ? '' : `${c.category}: `}${c.title} | \`${c.command}\` |`);
  return ['| Command | Id |', '|---|---|', ...rows].join('\n');
}

export function settingsTable(manifest: Manifest): string {
  const rows = Object.entries(manifest.contributes.configuration.properties).map(([key, p]) => {
    const description = (p.markdownDescription ?? p.description ?? '').replace(/`#([\w.]+)#`/g, '`$1`');
    const values = p.enum === undefined ? '' : ` One of ${p.enum.map((e) => `\`${e}\``).join(', ')}.`;
    return `| \`${key}\` | ${shown(p.default)} | ${cell(description + values)} |`;
  });
  return ['| Setting | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}

/** README.md with both tables replaced between their `<!-- name:start -->` / `<!-- name:end -->` markers. */
export function renderReadme(readme: string, manifest: Manifest): string {
  const put = (text: string, name: string, table: string): string =>
    text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${table}\n$2`);
  return put(put(readme, 'commands', commandsTable(manifest)), 'settings', settingsTable(manifest));
}

/** package.json with its `%key%` strings read from package.nls.json, as VS Code shows them. */
export function readManifest(): Manifest {
  return readLocalizedManifest<Manifest>();
}

if (require.main === module) {
  const file = join(ROOT, 'README.md');
  writeFileSync(file, renderReadme(readFileSync(file, 'utf8'), readManifest()));
}

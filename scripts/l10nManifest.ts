// The manifest's user-visible strings live in package.nls.json as `%key%` references (VS Code and vsce
// substitute them; a translation is package.nls.<locale>.json beside it). `npm run l10n` moves any
// plain string at such a place into package.nls.json, editing package.json only where a string is
// replaced (its formatting stays); test/unit/scripts/l10nBundle.test.ts fails when one is left over.
// Text for the model (a tool's modelDescription and input schema) stays English on purpose: it is
// read by a language model, not by the user.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node } from 'jsonc-parser';

const ROOT = join(__dirname, '..');
export const MANIFEST_FILE = join(ROOT, 'package.json');
export const NLS_FILE = join(ROOT, 'package.nls.json');

type Segment = string | number;
/** A manifest path; '*' matches any key or index, and '@' names the key after the item's `id`, `command`, `name` or `view`. */
type Pattern = readonly string[];

/** Where the manifest holds text a user reads. */
const LOCALIZED: readonly Pattern[] = [
  ['displayName'],
  ['description'],
  ['capabilities', 'untrustedWorkspaces', 'description'],
  ['capabilities', 'virtualWorkspaces', 'description'],
  ['contributes', 'commands', '*', 'title'],
  ['contributes', 'configuration', 'title'],
  ['contributes', 'configuration', 'properties', '*', 'description'],
  ['contributes', 'configuration', 'properties', '*', 'markdownDescription'],
  ['contributes', 'configuration', 'properties', '*', 'enumDescriptions', '*'],
  ['contributes', 'configuration', 'properties', '*', 'markdownEnumDescriptions', '*'],
  ['contributes', 'configuration', 'properties', '*', 'deprecationMessage'],
  ['contributes', 'configuration', 'properties', '*', 'markdownDeprecationMessage'],
  ['contributes', 'languageModelTools', '*', 'displayName'],
  ['contributes', 'languageModelTools', '*', 'userDescription'],
  ['contributes', 'mcpServerDefinitionProviders', '*', 'label'],
  ['contributes', 'viewsContainers', 'activitybar', '*', 'title'],
  ['contributes', 'views', '*', '*', 'name'],
  ['contributes', 'viewsWelcome', '*', 'contents'],
  ['contributes', 'walkthroughs', '*', 'title'],
  ['contributes', 'walkthroughs', '*', 'description'],
  ['contributes', 'walkthroughs', '*', 'steps', '*', 'title'],
  ['contributes', 'walkthroughs', '*', 'steps', '*', 'description'],
];

export interface LocalizedString {
  path: Segment[];
  /** The string as package.json has it: a `%key%` reference or plain text. */
  value: string;
  offset: number;
  length: number;
}

function matches(pattern: Pattern, path: readonly Segment[]): boolean {
  return pattern.length === path.length && pattern.every((part, i) => part === '*' || part === path[i]);
}

function strings(node: Node, path: Segment[], found: LocalizedString[]): void {
  if (node.type === 'string' && LOCALIZED.some((pattern) => matches(pattern, path))) {
    found.push({ path, value: node.value as string, offset: node.offset, length: node.length });
  }
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key !== undefined && value !== undefined) {
        strings(value, [...path, key.value as string], found);
      }
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => strings(child, [...path, i], found));
  }
}

/** Every localizable string of the manifest's text, in document order. */
export function localizedStrings(manifestText: string): LocalizedString[] {
  const tree = parseTree(manifestText);
  const found: LocalizedString[] = [];
  if (tree !== undefined) {
    strings(tree, [], found);
  }
  return found;
}

/** A readable, stable key: array items are named by their id (`command.opro.setApiKey.title`). */
export function keyFor(manifest: unknown, path: readonly Segment[]): string {
  const names: string[] = [];
  let node: unknown = manifest;
  for (const segment of path) {
    node = (node as Record<string | number, unknown>)[segment];
    if (typeof segment === 'number') {
      const item = node as Record<string, unknown>;
      const id = ['id', 'command', 'name', 'view'].map((k) => item?.[k]).find((v) => typeof v === 'string');
      names.push(typeof id === 'string' ? id : String(segment));
    } else if (segment !== 'contributes' && segment !== 'properties') {
      names.push(segment);
    }
  }
  return names.join('.');
}

const REFERENCE = /^%([^%]+)%$/;

/**
 * package.json with every plain localizable string replaced by a `%key%` reference, and package.nls.json
 * with those strings added; references already there are kept as they are.
 */
export function extractManifestStrings(manifestText: string, nls: Record<string, string>): { manifestText: string; nls: Record<string, string> } {
  const manifest: unknown = JSON.parse(manifestText);
  const next = { ...nls };
  let text = manifestText;
  for (const found of localizedStrings(manifestText).reverse()) {
    if (REFERENCE.test(found.value)) {
      continue;
    }
    const key = keyFor(manifest, found.path);
    next[key] = found.value;
    text = `${text.slice(0, found.offset)}"%${key}%"${text.slice(found.offset + found.length)}`;
  }
  return { manifestText: text, nls: Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** What is wrong with the manifest's references: plain strings left, keys missing or unused. */
export function manifestNlsProblems(manifestText: string, nls: Record<string, string>): string[] {
  const found = localizedStrings(manifestText);
  const problems = found.filter((s) => !REFERENCE.test(s.value)).map((s) => `${s.path.join('.')} is plain text: run \`npm run l10n\``);
  const used = new Set<string>();
  for (const [, key] of manifestText.matchAll(/"%([^%"]+)%"/g)) {
    used.add(key!);
    if (nls[key!] === undefined) {
      problems.push(`%${key}% is not in package.nls.json`);
    }
  }
  problems.push(...Object.keys(nls).filter((key) => !used.has(key)).map((key) => `${key} in package.nls.json is used nowhere`));
  return problems;
}

/** Replaces `%key%` references in any JSON value, as VS Code does when it reads the manifest. */
export function resolveNls<T>(value: T, nls: Record<string, string>): T {
  if (typeof value === 'string') {
    const key = REFERENCE.exec(value)?.[1];
    return (key !== undefined && nls[key] !== undefined ? nls[key] : value) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => resolveNls(item, nls)) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveNls(v, nls)])) as T;
  }
  return value;
}

/** package.json as VS Code shows it: `%key%` references replaced by package.nls.json's text. */
export function readLocalizedManifest<T>(): T {
  const nls = JSON.parse(readFileSync(NLS_FILE, 'utf8')) as Record<string, string>;
  return resolveNls(JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as T, nls);
}

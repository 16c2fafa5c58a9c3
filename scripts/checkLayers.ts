/**
 * `npm run lint` runs this after ESLint: no import cycle anywhere in src/, and no import that points up
 * a layer. Every import counts, `import type` too: a cycle through types still means neither module
 * can be read (or moved) without the other.
 *
 * Layers go from the lowest (0) up. A module may import modules of its own layer and of lower ones.
 * Layers of the same rank are peers and may not import each other (the CLI and the extension are
 * two front ends over core; the llm client, datasets and metrics know nothing of each other).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Layer {
  name: string;
  rank: number;
  /** Path prefixes relative to the repository, `/`-separated: a folder ends in `/`, a file is named whole. */
  paths: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  { name: 'core foundation', rank: 0, paths: ['src/core/errors.ts', 'src/core/random.ts', 'src/core/ranking.ts', 'src/core/pricing.ts', 'src/core/signals.ts'] },
  { name: 'core/llm', rank: 1, paths: ['src/core/llm/'] },
  { name: 'core/dataset', rank: 1, paths: ['src/core/dataset/'] },
  { name: 'core/metrics', rank: 1, paths: ['src/core/metrics/'] },
  { name: 'core/stats', rank: 1, paths: ['src/core/stats/'] },
  { name: 'core/prompt', rank: 2, paths: ['src/core/prompt/'] },
  { name: 'core/grading', rank: 3, paths: ['src/core/grading/'] },
  { name: 'core/cache', rank: 3, paths: ['src/core/cache/'] },
  {
    name: 'core run model',
    rank: 4,
    paths: ['src/core/config.ts', 'src/core/defaults.ts', 'src/core/validateConfig.ts', 'src/core/runRecord.ts', 'src/core/runView.ts', 'src/core/applyRunEvent.ts', 'src/core/events.ts', 'src/core/engineDeps.ts'],
  },
  { name: 'core/store', rank: 5, paths: ['src/core/store/'] },
  { name: 'core/run', rank: 6, paths: ['src/core/run/'] },
  { name: 'core engine', rank: 7, paths: ['src/core/engine.ts', 'src/core/index.ts'] },
  { name: 'webview', rank: 8, paths: ['src/webview/'] },
  { name: 'cli', rank: 9, paths: ['src/cli/'] },
  { name: 'extension', rank: 9, paths: ['src/extension/'] },
];

/** Module (repository-relative, `/`-separated) → the modules it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** The layer a module belongs to: the one with the longest matching path. */
export function layerOf(file: string, layers: readonly Layer[] = LAYERS): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers) {
    for (const path of layer.paths) {
      const matches = path.endsWith('/') ? file.startsWith(path) : file === path;
      if (matches && (best === undefined || path.length > best.length)) {
        best = { layer, length: path.length };
      }
    }
  }
  return best?.layer;
}

/** Every module in no layer, and every import that points up a layer or across to a peer. */
export function layerViolations(graph: ImportGraph, layers: readonly Layer[] = LAYERS): string[] {
  const problems: string[] = [];
  for (const [file, imports] of graph) {
    const from = layerOf(file, layers);
    if (from === undefined) {
      problems.push(`${file} is in no layer: add it to LAYERS in scripts/checkLayers.ts (and say why in src/core/README.md).`);
      continue;
    }
    for (const target of imports) {
      const to = layerOf(target, layers);
      if (to === undefined || to === from) {
        continue;
      }
      if (to.rank > from.rank) {
        problems.push(`${file} imports ${target}: ${from.name} (layer ${from.rank}) may not import ${to.name} (layer ${to.rank}), a higher layer.`);
      } else if (to.rank === from.rank) {
        problems.push(`${file} imports ${target}: ${from.name} and ${to.name} are peers (layer ${from.rank}) and may not import each other.`);
      }
    }
  }
  return problems;
}

/** Each import cycle once, as the chain of modules that closes it (Tarjan's strongly connected components). */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) as number, lowLink.get(next) as number));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) as number, index.get(next) as number));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) {
        components.push(component);
      }
    }
  };
  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return components.map((component) => cycleThrough(graph, new Set(component)));
}

/** One cycle inside a strongly connected component, starting and ending at its first module in sort order. */
function cycleThrough(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const chain = [node];
        while (chain[0] !== start) {
          chain.unshift(previous.get(chain[0] as string) as string);
        }
        return [...chain, start];
      }
      if (component.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports of every module under `src/` of `root`, resolved to files. Packages are not part of the graph. */
export function readImportGraph(root: string): Map<string, string[]> {
  const toKey = (path: string): string => relative(root, path).split(sep).join('/');
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((ref) => ref.fileName)
      .filter((name) => name.startsWith('.'))
      .flatMap((name) => {
        const resolved = resolveModule(resolve(dirname(file), name));
        return resolved === undefined ? [] : [toKey(resolved)];
      });
    graph.set(toKey(file), [...new Set(targets)]);
  }
  return graph;
}

function resolveModule(base: string): string | undefined {
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

function main(): number {
  const graph = readImportGraph(resolve(__dirname, '..'));
  const problems = [...layerViolations(graph), ...importCycles(graph).map((cycle) => `import cycle: ${cycle.join(' -> ')}`)];
  for (const problem of problems) {
    process.stderr.write(`checkLayers: ${problem}\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main();
}

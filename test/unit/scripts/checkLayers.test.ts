import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCycles, LAYERS, layerOf, layerViolations, readImportGraph, type Layer } from '../../../scripts/checkLayers';
import { scratchDir } from '../../support/scratchDir';

const layers: Layer[] = [
  { name: 'base', rank: 0, paths: ['src/base/'] },
  { name: 'left', rank: 1, paths: ['src/left/'] },
  { name: 'right', rank: 1, paths: ['src/right/'] },
  { name: 'top', rank: 2, paths: ['src/top.ts'] },
];

describe('the layer check run by npm run lint', () => {
  it('accepts imports of the same and lower layers', () => {
    const graph = new Map([
      ['src/top.ts', ['src/left/a.ts', 'src/base/b.ts']],
      ['src/left/a.ts', ['src/left/c.ts', 'src/base/b.ts']],
      ['src/left/c.ts', []],
      ['src/base/b.ts', []],
    ]);
    assert.deepEqual(layerViolations(graph, layers), []);
    assert.deepEqual(importCycles(graph), []);
  });

  it('names an import that points up a layer, one across to a peer, and a module in no layer', () => {
    const graph = new Map([
      ['src/base/b.ts', ['src/top.ts']],
      ['src/left/a.ts', ['src/right/r.ts']],
      ['src/stray.ts', []],
    ]);
    assert.deepEqual(layerViolations(graph, layers), [
      'src/base/b.ts imports src/top.ts: base (layer 0) may not import top (layer 2), a higher layer.',
      'src/left/a.ts imports src/right/r.ts: left and right are peers (layer 1) and may not import each other.',
      'src/stray.ts is in no layer: add it to LAYERS in scripts/checkLayers.ts (and say why in src/core/README.md).',
    ]);
  });

  it('reports each import cycle once as the chain that closes it, type-only links included', () => {
    const graph = new Map([
      ['src/a.ts', ['src/b.ts']],
      ['src/b.ts', ['src/c.ts']],
      ['src/c.ts', ['src/a.ts', 'src/d.ts']],
      ['src/d.ts', []],
      ['src/x.ts', ['src/y.ts']],
      ['src/y.ts', ['src/x.ts']],
    ]);
    assert.deepEqual(importCycles(graph), [
      ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts'],
      ['src/x.ts', 'src/y.ts', 'src/x.ts'],
    ]);
  });

  it('reads type-only imports, re-exports and index folders from the source files', () => {
    const root = scratchDir('layers');
    mkdirSync(join(root, 'src', 'core', 'run'), { recursive: true });
    mkdirSync(join(root, 'src', 'core', 'metrics'), { recursive: true });
    writeFileSync(join(root, 'src', 'core', 'engine.ts'), "import { go } from './run/loop';\nexport type { M } from './metrics';\nimport 'openai';\n");
    writeFileSync(join(root, 'src', 'core', 'run', 'loop.ts'), "import type { Deps } from '../engine';\nexport const go = 1;\n");
    writeFileSync(join(root, 'src', 'core', 'metrics', 'index.ts'), 'export type M = 1;\n');
    const graph = readImportGraph(root);
    assert.deepEqual(graph.get('src/core/engine.ts'), ['src/core/run/loop.ts', 'src/core/metrics/index.ts']);
    assert.deepEqual(importCycles(graph), [['src/core/engine.ts', 'src/core/run/loop.ts', 'src/core/engine.ts']]);
    assert.deepEqual(layerViolations(graph), ['src/core/run/loop.ts imports src/core/engine.ts: core/run (layer 6) may not import core engine (layer 7), a higher layer.']);
  });

  it('puts a file in its most specific layer', () => {
    assert.equal(layerOf('src/core/run/session.ts')?.name, 'core/run');
    assert.equal(layerOf('src/core/engineDeps.ts')?.name, 'core run model');
    assert.equal(layerOf('src/core/newThing.ts'), undefined);
    assert.ok(LAYERS.every((layer) => layer.paths.every((path) => path.startsWith('src/'))));
  });
});

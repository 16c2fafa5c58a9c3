import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, renderReadme } from '../../../scripts/readmeTables';

describe('README.md', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

  it('lists every command and setting of package.json as `npm run docs` writes them', () => {
    assert.equal(readme, renderReadme(readme, readManifest()), 'README.md is out of date: run `npm run docs`');
  });

  it('gives the two commands for a new machine and the test command CI runs', () => {
    assert.match(readme, /npm ci && npm run demo/);
    assert.match(readme, /npm ci && npm test/);
    assert.match(readFileSync(join(__dirname, '..', '..', '..', '.ci', 'run'), 'utf8'), /^npm test$/m);
  });
});

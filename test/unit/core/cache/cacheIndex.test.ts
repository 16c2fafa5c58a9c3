import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CacheIndex } from '../../../../src/core/cache/cacheIndex';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('CacheIndex', () => {
  it('finds every one of many keys where it was stored, through the table growing', () => {
    const index = new CacheIndex();
    const keys = Array.from({ length: 5000 }, (_, i) => sha(String(i)));
    keys.forEach((key, i) => index.add(key, { offset: i * 1000, length: 900 + i }));
    assert.equal(index.size, 5000);
    const wrong = keys.filter((key, i) => {
      const span = index.get(key);
      return span?.offset !== i * 1000 || span.length !== 900 + i;
    });
    assert.deepEqual(wrong, []);
    assert.equal(index.get(sha('not stored')), undefined);
    assert.equal(index.has(sha('not stored')), false);
  });

  it('keeps the first line of a key stored twice', () => {
    const index = new CacheIndex();
    index.add(sha('a'), { offset: 0, length: 10 });
    index.add(sha('a'), { offset: 11, length: 20 });
    assert.deepEqual([index.size, index.get(sha('a'))], [1, { offset: 0, length: 10 }]);
  });

  it('indexes keys that are not sha256 hex (old or hand-made lines), including the empty line length', () => {
    const index = new CacheIndex();
    index.add('short', { offset: 5, length: 0 });
    index.add('ünïcode key', { offset: 7, length: 3 });
    assert.deepEqual([index.get('short'), index.get('ünïcode key'), index.get('other')], [{ offset: 5, length: 0 }, { offset: 7, length: 3 }, undefined]);
  });
});

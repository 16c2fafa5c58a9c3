import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheKey, canonicalJson, openResponseCache, type CacheKeyInput } from '../../../../src/core/cache/responseCache';
import type { ChatResponse } from '../../../../src/core/llm/types';
import { scratchDir } from '../../../support/scratchDir';

const INPUT: CacheKeyInput = {
  clientId: 'http://127.0.0.1:1/v1|m',
  model: 'm',
  messages: [{ role: 'user', content: 'What is 1 + 1?' }],
  temperature: 0,
  maxTokens: 64,
};

function answer(text: string): ChatResponse {
  return { text, usage: { promptTokens: 5, completionTokens: 3 }, model: 'm', latencyMs: 42 };
}

describe('response cache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = scratchDir('opro-cache-');
  });

  it('writes JSON with keys sorted at every level', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('keys requests by everything that changes the answer, draw index included', () => {
    const base = cacheKey(INPUT);
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(cacheKey({ ...INPUT, messages: [{ content: 'What is 1 + 1?', role: 'user' }] }), base);
    const variants = [
      { ...INPUT, drawIndex: 1 },
      { ...INPUT, seed: 3 },
      { ...INPUT, temperature: 1 },
      { ...INPUT, maxTokens: 65 },
      { ...INPUT, clientId: 'http://other/v1|m' },
      { ...INPUT, messages: [{ role: 'system' as const, content: 'What is 1 + 1?' }] },
    ];
    assert.equal(new Set([base, ...variants.map(cacheKey)]).size, 1 + variants.length);
  });

  it('keeps responses across reopening the directory', async () => {
    const cache = await openResponseCache(dir);
    await cache.put('k1', answer('one'));
    await cache.put('k2', answer('two'));
    await cache.put('k1', answer('ignored'));
    const reopened = await openResponseCache(dir);
    assert.equal(reopened.size, 2);
    assert.deepEqual(await reopened.get('k1'), { text: 'one', usage: { promptTokens: 5, completionTokens: 3 }, model: 'm' });
    assert.equal(await reopened.get('missing'), undefined);
    assert.equal((await readFile(join(dir, 'responses.jsonl'), 'utf8')).trim().split('\n').length, 2);
  });

  it('ignores a torn last line and keeps appending after it', async () => {
    const cache = await openResponseCache(dir);
    await cache.put('k1', answer('one'));
    await appendFile(cache.file, '{"key":"k2","response":{"te');
    const reopened = await openResponseCache(dir);
    assert.equal(reopened.size, 1);
    await reopened.put('k3', answer('three'));
    const again = await openResponseCache(dir);
    assert.deepEqual([again.size, (await again.get('k3'))?.text], [2, 'three']);
  });

  it('serializes concurrent appends into whole lines', async () => {
    const cache = await openResponseCache(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => cache.put(`k${i}`, answer(`answer ${i}`))));
    const reopened = await openResponseCache(dir);
    assert.equal(reopened.size, 50);
  });

  it('skips lines that are not cache entries', async () => {
    await writeFile(join(dir, 'responses.jsonl'), 'not json\n{"key":1}\n\n{"key":"ok","response":{"text":"t","model":"m","usage":{"promptTokens":1,"completionTokens":2}}}\n');
    const cache = await openResponseCache(dir);
    assert.equal(cache.size, 1);
    assert.equal((await cache.get('ok'))?.text, 't');
  });

  it('on a full disk says so once, naming the file, and goes on without writing (no torn line left behind)', async () => {
    const warnings: string[] = [];
    let appends = 0;
    const appendSync = (file: string, data: Buffer): void => {
      if (++appends >= 3) {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      appendFileSync(file, data);
    };
    const cache = await openResponseCache(dir, { onWriteError: (m) => warnings.push(m), appendSync });
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      await cache.put(key, answer(key));
    }
    assert.deepEqual(warnings, [`The response cache ${cache.file} cannot be written: the disk is full (ENOSPC). The run goes on without caching new answers.`]);
    assert.equal(appends, 3, 'no write is tried after the first failure');
    assert.deepEqual([cache.size, (await cache.get('k2'))?.text, await cache.get('k3')], [2, 'k2', undefined]);
    const reopened = await openResponseCache(dir);
    assert.equal(reopened.size, 2);
  });

  it('holds an index, not the responses: memory stays small while answers stay on disk', async () => {
    const cache = await openResponseCache(dir);
    const long = 'x'.repeat(2000);
    for (let i = 0; i < 2000; i++) {
      await cache.put(`key-${i}-${'k'.repeat(40)}`, answer(`${i} ${long}`));
    }
    const reopened = await openResponseCache(dir);
    assert.equal(reopened.size, 2000);
    assert.equal((await reopened.get(`key-1234-${'k'.repeat(40)}`))?.text, `1234 ${long}`);
    assert.equal(await reopened.get(`key-1234-${'k'.repeat(39)}`), undefined, 'a key sharing the indexed prefix is checked whole');
  });
});

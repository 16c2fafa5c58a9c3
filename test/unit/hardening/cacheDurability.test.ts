import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withCache } from '../../../src/core/cache/cachedClient';
import { openResponseCache } from '../../../src/core/cache/responseCache';
import type { ChatResponse, LlmClient } from '../../../src/core/llm/types';

function answer(text: string): ChatResponse {
  return { text, usage: { promptTokens: 1, completionTokens: 1 }, model: 'm' };
}

function linesOf(file: string): number {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
}

describe('the response cache under a crash', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opro-cache-crash-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has each response on disk before put() returns, however many arrive at once', async () => {
    const cache = await openResponseCache(dir);
    // Not awaited: a kill -9 can strike right after any of these calls.
    const pending = Array.from({ length: 20 }, (_, i) => {
      const put = cache.put(`k${i}`, answer(`a${i}`));
      assert.equal(linesOf(cache.file), i + 1, `entry ${i} is on disk at once`);
      return put;
    });
    await Promise.all(pending);
    assert.equal(cache.writeError, undefined);
  });

  it('has an answer on disk by the time the caller of a cached client sees it', async () => {
    const cache = await openResponseCache(dir);
    let calls = 0;
    const raw: LlmClient = { id: 'raw', model: 'm', complete: () => Promise.resolve(answer(`paid ${++calls}`)) };
    const client = withCache(raw, cache);
    const requests = Array.from({ length: 10 }, (_, i) => ({ messages: [{ role: 'user' as const, content: `q${i}` }], temperature: 0, maxTokens: 8 }));
    const seen: number[] = [];
    await Promise.all(requests.map((request) => client.complete(request).then(() => seen.push(linesOf(cache.file)))));
    assert.ok(seen.every((lines, i) => lines >= i + 1), `lines on disk when each answer arrived: ${seen.join(',')}`);
    const reopened = await openResponseCache(dir);
    assert.equal(reopened.size, 10);
  });
});

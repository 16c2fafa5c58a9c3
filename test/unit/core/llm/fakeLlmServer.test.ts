import assert from 'node:assert/strict';
import { createOpenAiClient } from '../../../../src/core/llm/openaiClient';
import type { LlmClient } from '../../../../src/core/llm/types';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';
import {
  answerOptimizer,
  instructionQuality,
  makeSyntheticRows,
  SYNTHETIC_BEST_QUALITY,
  SYNTHETIC_DEMO_BOOST,
  SYNTHETIC_KEYWORDS,
  syntheticAccuracy,
  type SyntheticRow,
} from '../../../support/syntheticTask';
import { promptWithDemos } from '../../../../src/core/prompt/demonstrations';
import { buildScorerMessages } from '../../../../src/core/prompt/scorerPrompt';

const META = [
  'Your task is to generate the instruction <INS>. Below are some previous instructions with their scores. The score ranges from 0 to 100.\n',
  '\ntext:\nSolve it.\nscore:\n20\n',
  '\ntext:\nSolve it step by step.\nscore:\n40\n',
  '\n\nGenerate an instruction that is different from all the instructions <INS> above.',
].join('');

describe('the synthetic task and the fake LLM server', () => {
  let server: FakeServer;
  let client: LlmClient;

  beforeEach(async () => {
    server = await startFakeLlmServer();
    client = createOpenAiClient({ baseUrl: server.url, apiKey: 'test-key', model: 'fake', temperature: 0, maxTokens: 256 });
  });
  afterEach(() => server.close());

  it('counts keywords case-insensitively', () => {
    assert.equal(instructionQuality('Solve it.'), 0);
    assert.equal(instructionQuality('Go Step By Step and DOUBLE-CHECK.'), 2);
    assert.equal(instructionQuality(SYNTHETIC_KEYWORDS.join(', ')), SYNTHETIC_BEST_QUALITY);
  });

  it('makes distinct, seeded rows with the sum as answer', () => {
    const rows = makeSyntheticRows(200, 7);
    assert.deepEqual(makeSyntheticRows(200, 7), rows);
    assert.equal(new Set(rows.map((r) => r.question)).size, 200);
    for (const row of rows) {
      const [, a, b] = /What is (\d+) \+ (\d+)\?/.exec(row.question) ?? [];
      assert.equal(row.answer, String(Number(a) + Number(b)));
      assert.ok(Number(a) >= 1 && Number(a) <= 999 && Number(b) >= 1 && Number(b) <= 999);
    }
  });

  it('scores as syntheticAccuracy predicts, and better with more keywords', async () => {
    const rows = makeSyntheticRows(40, 3);
    const accuracies: number[] = [];
    for (const instruction of ['Solve it.', 'Solve it step by step.', `Solve it: ${SYNTHETIC_KEYWORDS.join(', ')}.`]) {
      const replies = await Promise.all(rows.map((row) => client.complete({ messages: [{ role: 'user', content: `${instruction}\n${row.question}` }], temperature: 0, maxTokens: 64 })));
      const correct = replies.filter((reply, i) => reply.text.endsWith(`The answer is ${rows[i]!.answer}.`)).length;
      assert.equal(correct / rows.length, syntheticAccuracy(instruction, rows), instruction);
      accuracies.push(correct / rows.length);
    }
    assert.ok(accuracies[0]! < accuracies[1]! && accuracies[2] === 1, String(accuracies));
  });

  it('answers better by a set amount for each correct worked example in the prompt, in either format', async () => {
    const rows = makeSyntheticRows(200, 5);
    const instruction = 'Solve it step by step.';
    const asked = rows.slice(0, 150);
    const scoreWith = async (demoRows: readonly SyntheticRow[], position: 'Q_begin' | 'template', answerOf = (r: SyntheticRow) => r.answer): Promise<number> => {
      const demos = demoRows.map((r) => ({ input: r.question, target: answerOf(r), fields: { question: r.question, answer: answerOf(r) } }));
      const prompt = position === 'template' ? promptWithDemos('Solve it step by step.\nQuestion: {{question}}\nAnswer:', demos, 'template') : promptWithDemos(instruction, demos, position);
      const replies = await Promise.all(
        asked.map((row) => client.complete({ messages: buildScorerMessages(prompt, { index: 0, line: 1, input: row.question, target: row.answer, fields: { question: row.question } }, { position, includeQA: false }), temperature: 0, maxTokens: 64 })),
      );
      return replies.filter((reply, i) => reply.text.endsWith(`The answer is ${asked[i]!.answer}.`)).length / asked.length;
    };
    const demoRows = rows.slice(150, 154);
    assert.equal(await scoreWith([], 'Q_begin'), syntheticAccuracy(instruction, asked));
    const withFour = await scoreWith(demoRows, 'Q_begin');
    assert.equal(withFour, syntheticAccuracy(instruction, asked, 4));
    // 4 × SYNTHETIC_DEMO_BOOST = 20 points, give or take the few examples near a bucket edge.
    assert.ok(Math.abs(withFour - syntheticAccuracy(instruction, asked) - 4 * SYNTHETIC_DEMO_BOOST) < 0.05, String(withFour));
    assert.equal(await scoreWith(demoRows, 'template'), withFour);
    // Wrong worked examples lower the chance just as much.
    assert.equal(await scoreWith(demoRows, 'Q_begin', (r) => String(Number(r.answer) + 1)), syntheticAccuracy(instruction, asked, -4));
  });

  it('gets a question right when the prompt shows that very question worked out (the leak demonstrations must avoid)', async () => {
    const [row] = makeSyntheticRows(1, 9);
    const leaked = promptWithDemos('Solve it.', [{ input: row!.question, target: row!.answer }], 'Q_begin');
    const reply = await client.complete({ messages: [{ role: 'user', content: `${leaked}\n${row!.question}` }], temperature: 0, maxTokens: 64 });
    assert.ok(reply.text.endsWith(`The answer is ${row!.answer}.`));
  });

  it('answers "I do not know." when there is no question', async () => {
    const reply = await client.complete({ messages: [{ role: 'user', content: 'Hello' }], temperature: 0, maxTokens: 64 });
    assert.equal(reply.text, 'I do not know.');
  });

  it('proposes the best instruction plus a missing keyword when the seed says to add one', async () => {
    const request = { messages: [{ role: 'user' as const, content: META }], temperature: 1, maxTokens: 512 };
    const first = await client.complete({ ...request, seed: 0 });
    const again = await client.complete({ ...request, seed: 0 });
    const other = await client.complete({ ...request, seed: 4 });
    assert.equal(first.text, '<INS>Solve it step by step. Remember: double-check.</INS>');
    assert.equal(again.text, first.text);
    assert.equal(other.text, '<INS>Solve it step by step. Remember: show your work.</INS>');
    assert.deepEqual(server.stats.completions, { scorer: 0, optimizer: 3 });
  });

  it('uses <Start> tags for A_begin meta-prompts and rewords when nothing is missing', () => {
    const best = SYNTHETIC_KEYWORDS.join(', ');
    const meta = `Your task is to generate the answer starting sentence <Start>.\n\ntext:\n${best}\nscore:\n100\n`;
    assert.equal(answerOptimizer(meta, 0), `<Start>${best} Be concise.</Start>`);
    assert.equal(answerOptimizer(meta, 7), `<Start>${best} Be precise.</Start>`);
  });

  it('sometimes proposes a worse instruction, dropping a keyword the best has', () => {
    const meta = 'Your task is to generate the instruction <INS>.\n\ntext:\nSolve it step by step. Remember: final answer.\nscore:\n60\n';
    const worse = answerOptimizer(meta, 2).replace(/<\/?INS>/g, '');
    assert.equal(worse, 'Solve it it. Remember: final answer.');
    assert.equal(instructionQuality(worse), 1);
  });

  it('lists models and rejects unknown ones with model_not_found', async () => {
    const listed = (await (await fetch(`${server.url}/models`, { headers: { authorization: 'Bearer test-key' } })).json()) as { data: { id: string }[] };
    assert.ok(listed.data.length > 0);
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'missing-x', messages: [] }),
    });
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'model_not_found');
  });

  it('answers 401 with an OpenAI-style error without a valid bearer token', async () => {
    const res = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), {
      error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key', param: null },
    });
  });

  it('computes retry-after from the sliding window when over requestsPerMinute', async () => {
    server.setOptions({ requestsPerMinute: 1, rateWindowMs: 10_000 });
    const post = (): Promise<Response> =>
      fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-key' },
        body: JSON.stringify({ model: 'fake', messages: [{ role: 'user', content: 'What is 1 + 1?' }] }),
      });
    assert.equal((await post()).status, 200);
    const limited = await post();
    assert.equal(limited.status, 429);
    const wait = Number(limited.headers.get('retry-after-ms'));
    assert.ok(wait > 9_000 && wait <= 10_000, String(wait));
  });

  it('closes with a stalled request open, ending that request', async () => {
    server.setOptions({ faults: { rate: 1, kinds: ['stall'] } });
    const stalled = fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key' },
      body: JSON.stringify({ model: 'fake', messages: [] }),
    }).catch((err: unknown) => err);
    while (server.stats.stalled === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // A stalled request never answers: only closing the server can settle either promise.
    await server.close();
    assert.ok((await stalled) instanceof Error);
  });
});

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, connect, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { OproError } from '../../../../src/core/errors';
import { createNodeFetch } from '../../../../src/core/llm/nodeFetch';
import { createOpenAiClient } from '../../../../src/core/llm/openaiClient';
import type { ChatRequest, RequestLogEntry } from '../../../../src/core/llm/types';
import { startFakeLlmServer, type FakeServer } from '../../../support/fakeLlmServer';

const INSTRUCTION = 'Go step by step, double-check, show your work and give the final answer.';

function question(a: number, b: number): ChatRequest {
  return { messages: [{ role: 'user', content: `${INSTRUCTION}\nWhat is ${a} + ${b}?` }], temperature: 0, maxTokens: 64 };
}

function expectedText(a: number, b: number): string {
  return `Adding gives ${a + b}. The answer is ${a + b}.`;
}

/** Resolves once `check` holds, polling the event loop (no wall-clock bound: mocha's timeout is the bound). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A TCP proxy in front of the fake server that records each client connection's remote port. */
async function portCountingProxy(target: string): Promise<{ url: string; ports: Set<number>; close: () => Promise<void> }> {
  const { hostname, port, pathname } = new URL(target);
  const ports = new Set<number>();
  const sockets = new Set<Socket>();
  const proxy: TcpServer = createTcpServer((client) => {
    ports.add(client.remotePort ?? 0);
    sockets.add(client);
    const upstream = connect(Number(port), hostname);
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${pathname}`;
  const close = (): Promise<void> => {
    // Idle keep-alive sockets would hold the proxy open.
    sockets.forEach((socket) => socket.destroy());
    return new Promise((resolve) => proxy.close(() => resolve()));
  };
  return { url, ports, close };
}

async function startRawServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('createNodeFetch under the openai client', () => {
  let server: FakeServer;
  let logs: RequestLogEntry[];

  beforeEach(async () => {
    server = await startFakeLlmServer();
    logs = [];
  });
  afterEach(() => server.close());

  function client(options: { concurrency?: number; baseUrl?: string; onLog?: (e: RequestLogEntry) => void } = {}): ReturnType<typeof createOpenAiClient> {
    const model = { baseUrl: options.baseUrl ?? server.url, apiKey: 'test-key', model: 'fake-scorer', temperature: 0, maxTokens: 64 };
    return createOpenAiClient(model, { backoffBaseMs: 10, concurrency: options.concurrency, onLog: options.onLog ?? ((e) => logs.push(e)) });
  }

  it('rejects an aborted in-flight request with the cancelled kind and closes its connection', async () => {
    // The server would answer after 10 minutes: only the abort can settle the call.
    server.setOptions({ latencyMs: 600_000 });
    const controller = new AbortController();
    const call = client().complete(question(1, 2), controller.signal);
    await until(() => server.stats.inFlight === 1);
    controller.abort();
    await assert.rejects(call, (err: unknown) => err instanceof OproError && err.kind === 'cancelled');
    await until(() => server.stats.inFlight === 0);
    assert.deepEqual(logs.map((e) => [e.outcome, e.errorKind]), [['cancelled', 'cancelled']]);
  });

  it('retries a dropped connection and answers', async () => {
    server.setOptions({ faults: { rate: 1, kinds: ['drop'] } });
    const onLog = (entry: RequestLogEntry): void => {
      logs.push(entry);
      server.setOptions({ faults: { rate: 0, kinds: [] } });
    };
    const response = await client({ onLog }).complete(question(2, 3));
    assert.equal(response.text, expectedText(2, 3));
    assert.deepEqual(logs.map((e) => [e.outcome, e.message]), [['retry', 'connection lost'], ['ok', undefined]]);
    assert.equal(server.stats.dropped, 1);
  });

  it('hands the retry-after-ms header of a 429 to the retry policy', async () => {
    server.setOptions({ faults: { rate: 1, kinds: ['429'] }, retryAfterMs: 37, retryAfterHeader: 'retry-after-ms' });
    const onLog = (entry: RequestLogEntry): void => {
      logs.push(entry);
      server.setOptions({ faults: { rate: 0, kinds: [] } });
    };
    await client({ onLog }).complete(question(3, 4));
    assert.deepEqual(logs.map((e) => [e.outcome, e.status, e.retryInMs]), [['retry', 429, 37], ['ok', undefined, undefined]]);
  });

  it('keeps connections alive: 60 calls at concurrency 4 open at most 4 sockets', async () => {
    const proxy = await portCountingProxy(server.url);
    try {
      const llm = client({ concurrency: 4, baseUrl: proxy.url });
      server.setOptions({ latencyMs: 2 });
      for (let round = 0; round < 3; round++) {
        const pairs = Array.from({ length: 20 }, (_, i) => [round, i] as const);
        const texts = await Promise.all(pairs.map(([a, b]) => llm.complete(question(a, b)).then((r) => r.text)));
        assert.deepEqual(texts, pairs.map(([a, b]) => expectedText(a, b)));
      }
      assert.equal(server.stats.requests, 60);
      assert.ok(proxy.ports.size >= 1 && proxy.ports.size <= 4, `${proxy.ports.size} connections`);
    } finally {
      await proxy.close();
    }
  });
});

describe('createNodeFetch', () => {
  let raw: { server: Server; url: string } | undefined;
  afterEach(async () => {
    raw?.server.closeAllConnections();
    await new Promise((resolve) => raw?.server.close(resolve));
    raw = undefined;
  });

  it('sends method, headers and body, and returns status, every header and the body', async () => {
    raw = await startRawServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-echo': String(req.headers['x-test']) });
        res.end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString('utf8'), length: req.headers['content-length'] }));
      });
    });
    const fetchNode = createNodeFetch({ maxSockets: 2 });
    const response = await fetchNode(`${raw.url}/echo`, { method: 'POST', headers: { 'x-test': 'yes' }, body: 'héllo' });
    assert.deepEqual(
      [response.status, response.headers.get('x-echo'), response.headers.getSetCookie(), response.url],
      [201, 'yes', ['a=1', 'b=2'], `${raw.url}/echo`],
    );
    assert.deepEqual(await response.json(), { method: 'POST', body: 'héllo', length: '6' });
  });

  it('decodes a gzip body the server sent unasked, and gives a 204 no body', async () => {
    raw = await startRawServer((req, res) => {
      if (req.url === '/empty') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ ok: true })));
    });
    const fetchNode = createNodeFetch({ maxSockets: 1 });
    assert.deepEqual(await (await fetchNode(`${raw.url}/zipped`)).json(), { ok: true });
    const empty = await fetchNode(`${raw.url}/empty`);
    assert.deepEqual([empty.status, empty.body], [204, null]);
  });

  it('rejects with the signal’s AbortError when aborted before or during a request', async () => {
    let hasRequest = false;
    raw = await startRawServer(() => {
      hasRequest = true;
    });
    const fetchNode = createNodeFetch({ maxSockets: 1 });
    const isAbortError = (err: unknown): boolean => err instanceof Error && err.name === 'AbortError';
    await assert.rejects(fetchNode(raw.url, { signal: AbortSignal.abort() }), isAbortError);
    const controller = new AbortController();
    const pending = fetchNode(raw.url, { signal: controller.signal });
    await until(() => hasRequest);
    controller.abort();
    await assert.rejects(pending, isAbortError);
  });

  it('rejects with the connection error when the server drops the response halfway', async () => {
    raw = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"choices":');
      setImmediate(() => res.socket?.destroy());
    });
    await assert.rejects(createNodeFetch({ maxSockets: 1 })(raw.url), (err: unknown) => (err as { code?: string }).code === 'ECONNRESET');
  });

  it('speaks TLS for https URLs', async () => {
    raw = await startRawServer((_req, res) => res.end('plain http'));
    const plainPort = new URL(raw.url).port;
    // A plain-http server cannot answer a TLS handshake: the error shows TLS was attempted.
    await assert.rejects(createNodeFetch({ maxSockets: 1 })(`https://127.0.0.1:${plainPort}/`), (err: unknown) =>
      /SSL|TLS|EPROTO/i.test(`${(err as { code?: string }).code ?? ''} ${String(err)}`),
    );
  });
});

import { Agent, request } from 'node:http';

/**
 * A minimal `fetch` over `node:http` with a keep-alive agent, for plain-http endpoints only. It
 * exists to measure what the `openai` SDK costs per call without Node's built-in fetch (undici and
 * web streams): the candidate fix the call-overhead figure evaluates, not production code.
 */
export function createHttpFetch(maxSockets: number): typeof fetch {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const req = request(url, { method: init?.method ?? 'GET', headers, agent, signal: init?.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') {
              responseHeaders.set(name, value);
            }
          }
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: responseHeaders }));
        });
      });
      req.on('error', reject);
      req.end(typeof init?.body === 'string' ? init.body : undefined);
    });
}

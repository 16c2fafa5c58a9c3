import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A hostile endpoint that answers every request with `status` and echoes the credential it got. */
export interface KeyEchoServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 whose error bodies quote the request's Authorization header, as
 * some proxies and self-hosted servers do ("Invalid token: Bearer sk-…").
 */
export async function startKeyEchoServer(status: number): Promise<KeyEchoServer> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const credential = req.headers.authorization ?? req.headers['api-key'] ?? '';
      const body = { error: { message: `Invalid token: ${String(credential)} (raw key ${String(credential).replace(/^Bearer /, '')})`, type: 'invalid_request_error', code: null, param: null } };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

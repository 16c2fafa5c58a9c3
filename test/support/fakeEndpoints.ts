/**
 * How a server answers a path it does not serve, a model it does not have, and a 200 that is not a
 * chat completion, with the bodies and content types the servers send (collected from users' reports
 * of the real responses): OpenAI's `Invalid URL (POST …)` envelope, Ollama's (gin's) plain-text
 * `404 page not found`, vLLM's FastAPI `{"detail":"Not Found"}`, LM Studio's status 200 with
 * `{"error":"Unexpected endpoint or method. (POST …)"}`.
 */
export type NotFoundStyle = 'openai' | 'ollama' | 'vllm' | 'lmstudio';

/** A raw answer: status, content type and body text. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

function json(status: number, body: unknown): RawAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** The 404 for a path the server has no route for. */
export function unknownRoute(style: NotFoundStyle, method: string, path: string): RawAnswer {
  switch (style) {
    case 'ollama':
      return { status: 404, contentType: 'text/plain', body: '404 page not found' };
    case 'vllm':
      return json(404, { detail: 'Not Found' });
    case 'lmstudio':
      return json(200, { error: `Unexpected endpoint or method. (${method} ${path})` });
    default:
      return json(404, { error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null } });
  }
}

/** The 404 for a chat completion naming a model the server does not have. */
export function unknownModel(style: NotFoundStyle, model: string): RawAnswer {
  switch (style) {
    case 'ollama':
      return json(404, { error: { message: `model "${model}" not found, try pulling it first`, type: 'api_error', param: null, code: null } });
    case 'vllm':
    case 'lmstudio':
      return json(404, { error: { message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', param: null, code: 404 } });
    default:
      return json(404, {
        error: { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' },
      });
  }
}

/** What a server that is not an OpenAI-compatible API answers a POST with, status 200. */
export type WrongContent = 'html' | 'json';

/** A web app's page (a UI or sign-in portal in front of the URL), or JSON of another API (Ollama's native `/api/chat`). */
export function wrongContent(kind: WrongContent, model: string): RawAnswer {
  if (kind === 'html') {
    const page = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Open WebUI</title></head><body><div id="app"></div><script src="/_app/start.js"></script></body></html>\n';
    return { status: 200, contentType: 'text/html; charset=utf-8', body: page };
  }
  return json(200, { model, created_at: '2026-12-01T10:00:00.000Z', message: { role: 'assistant', content: 'The answer is 4.' }, done_reason: 'stop', done: true });
}

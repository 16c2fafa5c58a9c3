import * as vscode from 'vscode';
import { cancelledError } from '../../core/errors';
import type { ChatMessage, ChatRequest, ChatResponse, ClientOptions, LlmClient, ModelConfig } from '../../core/llm/types';
import { toLanguageModelError } from './languageModelErrors';
import { Semaphore } from './semaphore';

/** Finds the chat model to talk to; the default asks `vscode.lm` for the model's id. */
export type ChatModelLookup = (id: string) => Promise<vscode.LanguageModelChat | undefined>;

export const lookupChatModel: ChatModelLookup = async (id) => (await vscode.lm.selectChatModels({ id }))[0];

/**
 * Core's `LlmClient` over VS Code's language model API (Copilot and other providers): requests go
 * through `sendRequest` with cancellation, token counts come from `countTokens`. The first request
 * may show VS Code's consent dialog; a refusal becomes an `auth` error.
 */
export function createVsCodeLmClient(model: ModelConfig, options: ClientOptions, lookup: ChatModelLookup = lookupChatModel): LlmClient {
  const semaphore = new Semaphore(options.concurrency ?? 8);
  let chat: Promise<vscode.LanguageModelChat | undefined> | undefined;
  const complete = async (request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> => {
    chat ??= lookup(model.model);
    const resolved = await chat;
    if (resolved === undefined) {
      throw toLanguageModelError(vscode.LanguageModelError.NotFound(model.model), model.model);
    }
    return semaphore.run(() => send(resolved, { request, signal, options }));
  };
  return { id: `vscode-lm|${model.model}`, model: model.model, complete };
}

interface SendInput {
  request: ChatRequest;
  signal: AbortSignal | undefined;
  options: ClientOptions;
}

async function send(chat: vscode.LanguageModelChat, input: SendInput): Promise<ChatResponse> {
  const { request, signal, options } = input;
  if (signal?.aborted) {
    throw cancelledError();
  }
  const source = new vscode.CancellationTokenSource();
  const onAbort = (): void => source.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  const log = (outcome: 'ok' | 'failed' | 'cancelled', message?: string): void =>
    options.onLog?.({ model: chat.id, attempt: 1, durationMs: Math.round(performance.now() - started), outcome, ...(message ? { message } : {}) });
  try {
    const messages = request.messages.map(toChatMessage);
    const response = await chat.sendRequest(messages, { justification: vscode.l10n.t('OPRO scores and improves your prompt with this model.'), modelOptions: { temperature: request.temperature } }, source.token);
    let text = '';
    for await (const fragment of response.text) {
      text += fragment;
    }
    const usage = await countUsage(chat, messages, text, source.token);
    log('ok');
    return { text, usage, model: chat.id, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    if (signal?.aborted) {
      log('cancelled');
      throw cancelledError();
    }
    const error = toLanguageModelError(err, chat.id);
    log('failed', error.kind);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    source.dispose();
  }
}

/** The API has no system role: a system message becomes the first user message. */
function toChatMessage(message: ChatMessage): vscode.LanguageModelChatMessage {
  return message.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(message.content) : vscode.LanguageModelChatMessage.User(message.content);
}

async function countUsage(
  chat: vscode.LanguageModelChat,
  messages: vscode.LanguageModelChatMessage[],
  text: string,
  token: vscode.CancellationToken,
): Promise<ChatResponse['usage']> {
  const prompt = await Promise.all(messages.map((m) => chat.countTokens(m, token)));
  return { promptTokens: prompt.reduce((a, b) => a + b, 0), completionTokens: await chat.countTokens(text, token) };
}

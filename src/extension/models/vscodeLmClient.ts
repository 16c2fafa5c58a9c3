import * as vscode from 'vscode';
import { cancelledError } from '../../core/errors';
import { whenAborted } from '../../core/signals';
import type { ChatRequest, ChatResponse, ClientOptions, LlmClient, ModelConfig } from '../../core/llm/types';
import { toChatMessages } from './chatMessages';
import { LanguageModelRefusal, toLanguageModelError } from './languageModelErrors';
import { Semaphore } from './semaphore';

/** Finds the chat model to talk to; the default asks `vscode.lm` for the model's vendor and id. */
export type ChatModelLookup = (model: Pick<ModelConfig, 'model' | 'vendor'>) => Promise<vscode.LanguageModelChat | undefined>;

export const lookupChatModel: ChatModelLookup = async ({ model, vendor }) => (await vscode.lm.selectChatModels({ id: model, ...(vendor === undefined ? {} : { vendor }) }))[0];

/**
 * Core's `LlmClient` over VS Code's language model API (Copilot and other providers): requests go
 * through `sendRequest` with cancellation, token counts come from `countTokens` (the API reports no
 * usage). The first request goes alone, because VS Code may ask the user for consent on it; if
 * VS Code refuses it (consent declined, or the provider's limit), every request of the run fails
 * with the same `LanguageModelRefusal`: no second dialog, no retry.
 */
export function createVsCodeLmClient(model: ModelConfig, options: ClientOptions, lookup: ChatModelLookup = lookupChatModel): LlmClient {
  const name = model.label ?? model.model;
  const semaphore = new Semaphore(options.concurrency ?? 8);
  let chat: Promise<vscode.LanguageModelChat | undefined> | undefined;
  let access: Promise<void> | undefined;
  const complete = async (request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> => {
    chat ??= lookup(model);
    const resolved = await chat;
    if (resolved === undefined) {
      throw toLanguageModelError(vscode.LanguageModelError.NotFound(model.model), name);
    }
    const go = (): Promise<ChatResponse> => semaphore.run(() => send(resolved, { request, signal, options, name, id: model.model }));
    if (access === undefined) {
      const first = go();
      access = first.then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof LanguageModelRefusal) {
            throw err;
          }
        },
      );
      access.catch(() => undefined); // read by the requests that wait for it; never unhandled
      return first;
    }
    await untilAborted(access, signal);
    return go();
  };
  return { id: `vscode-lm|${model.vendor === undefined ? '' : `${model.vendor}/`}${model.model}`, model: model.model, complete };
}

interface SendInput {
  request: ChatRequest;
  signal: AbortSignal | undefined;
  options: ClientOptions;
  /** The model as people know it, for the log and messages. */
  name: string;
  /** The model's id, as the run's usage counts it. */
  id: string;
}

async function send(chat: vscode.LanguageModelChat, input: SendInput): Promise<ChatResponse> {
  const { request, signal, options, name, id } = input;
  if (signal?.aborted) {
    throw cancelledError();
  }
  const source = new vscode.CancellationTokenSource();
  const unsubscribe = whenAborted(signal, () => source.cancel());
  const started = performance.now();
  const log = (outcome: 'ok' | 'failed' | 'cancelled', message?: string): void =>
    options.onLog?.({ model: id, label: name, attempt: 1, durationMs: Math.round(performance.now() - started), outcome, ...(message ? { message } : {}) });
  try {
    const messages = toChatMessages(request.messages);
    const justification = vscode.l10n.t('OPRO scores and improves your prompt with this model.');
    // A consent dialog may hold sendRequest until it is answered; cancelling must not wait for it.
    const response = await untilAborted(chat.sendRequest(messages, { justification, modelOptions: { temperature: request.temperature } }, source.token), signal);
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
    const error = toLanguageModelError(err, name);
    log('failed', error.kind);
    throw error;
  } finally {
    unsubscribe();
    source.dispose();
  }
}

/** `promise`, or a cancellation as soon as `signal` aborts (one listener on the run's signal however many wait). */
function untilAborted<T>(promise: PromiseLike<T>, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = whenAborted(signal, () => reject(cancelledError()));
    Promise.resolve(promise).then(resolve, reject).finally(unsubscribe);
  });
}

/** Tokens as the model's own tokenizer counts them: every message sent, and the reply. */
async function countUsage(
  chat: vscode.LanguageModelChat,
  messages: vscode.LanguageModelChatMessage[],
  text: string,
  token: vscode.CancellationToken,
): Promise<ChatResponse['usage']> {
  const prompt = await Promise.all(messages.map((m) => chat.countTokens(m, token)));
  return { promptTokens: prompt.reduce((a, b) => a + b, 0), completionTokens: await chat.countTokens(text, token) };
}

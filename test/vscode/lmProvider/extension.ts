// A test-only extension (never packaged): registers the language model chat provider "opro-test"
// with VS Code's public API and forwards every request to the suite's OpenAI-compatible server on
// 127.0.0.1, so the OPRO extension's `vscode-lm` path runs through the real `vscode.lm` machinery
// (model selection, consent, cancellation, token counting) in a real VS Code.
import * as vscode from 'vscode';
import { countTestTokens, TEST_VENDOR, type ReceivedRequest, type TestModel, type TestModelsApi } from './api';

interface Upstream {
  baseUrl: string;
  apiKey: string;
  models: TestModel[];
}

function textOf(message: vscode.LanguageModelChatRequestMessage): string {
  return message.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

function roleName(role: vscode.LanguageModelChatMessageRole): string {
  switch (role) {
    case vscode.LanguageModelChatMessageRole.User:
      return 'user';
    case vscode.LanguageModelChatMessageRole.Assistant:
      return 'assistant';
    default:
      return String(role);
  }
}

function toInformation(model: TestModel): vscode.LanguageModelChatInformation {
  return {
    id: model.id,
    name: model.name,
    family: model.id,
    version: '1',
    maxInputTokens: 100_000,
    maxOutputTokens: 4_000,
    capabilities: {},
    ...(model.requiresAuthorization === true ? { requiresAuthorization: true } : {}),
  };
}

async function complete(upstream: Upstream, body: object, token: vscode.CancellationToken): Promise<string> {
  const controller = new AbortController();
  const listener = token.onCancellationRequested(() => controller.abort());
  try {
    const response = await fetch(`${upstream.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${upstream.apiKey}` },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    const json = (await response.json()) as { choices?: { message?: { content?: string } }[]; error?: { message?: string } };
    if (!response.ok) {
      throw new Error(`test server answered ${response.status}: ${json.error?.message ?? 'no message'}`);
    }
    return json.choices?.[0]?.message?.content ?? '';
  } finally {
    listener.dispose();
  }
}

export function activate(context: vscode.ExtensionContext): TestModelsApi {
  let upstream: Upstream = { baseUrl: '', apiKey: '', models: [] };
  const requests: ReceivedRequest[] = [];
  const tokenCounts = { calls: 0 };
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.LanguageModelChatProvider = {
    onDidChangeLanguageModelChatInformation: changed.event,
    provideLanguageModelChatInformation: () => upstream.models.map(toInformation),
    async provideLanguageModelChatResponse(model, messages, options, progress, token) {
      const target = upstream.models.find((m) => m.id === model.id);
      const contents = messages.map(textOf);
      const modelOptions = { ...(options.modelOptions ?? {}) };
      const received: ReceivedRequest = { model: model.id, roles: messages.map((m) => roleName(m.role)), contents, modelOptions, reply: '' };
      requests.push(received);
      if (target?.failWith !== undefined) {
        throw vscode.LanguageModelError[target.failWith](`${model.id} is set to fail with ${target.failWith}`);
      }
      const body = {
        model: target?.upstream ?? model.id,
        messages: messages.map((m, i) => ({ role: roleName(m.role) === 'assistant' ? 'assistant' : 'user', content: contents[i] })),
        ...(typeof modelOptions.temperature === 'number' ? { temperature: modelOptions.temperature } : {}),
      };
      received.reply = await complete(upstream, body, token);
      progress.report(new vscode.LanguageModelTextPart(received.reply));
    },
    async provideTokenCount(_model, text) {
      tokenCounts.calls += 1;
      return countTestTokens(typeof text === 'string' ? text : textOf(text));
    },
  };
  context.subscriptions.push(changed, vscode.lm.registerLanguageModelChatProvider(TEST_VENDOR, provider));
  return {
    configure(options) {
      upstream = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
      requests.length = 0;
      tokenCounts.calls = 0;
      changed.fire();
    },
    requests,
    tokenCounts,
  };
}

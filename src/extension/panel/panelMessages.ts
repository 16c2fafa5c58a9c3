import { assertNever, parseToHost, type RequestResultMessage, type RequestValue, type ToHost } from '../../webview/protocol';
import type { PanelController, PromptRef } from './panelController';

/** The part of `vscode.LogOutputChannel` the panel uses (kept small so this file stays vscode-free). */
export interface PanelLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface MessageContext {
  controller: PanelController;
  log: PanelLog;
  /** The run the panel shows: the only run it may act on. */
  runId(): string | undefined;
  onReady(): void;
  reply(message: RequestResultMessage): void;
}

type Request = Exclude<ToHost, { type: 'panel/ready' }>;

/** Says what was dropped without echoing its content (it may hold a whole prompt). */
function describeRaw(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? `"${type.slice(0, 40)}"` : `a ${typeof raw}`;
}

/** The prompt a message names: its text, and the candidate whose whole prompt the host renders, when given. */
function promptRef(message: { text: string; candidateId?: string }): PromptRef {
  return { text: message.text, ...(message.candidateId === undefined ? {} : { candidateId: message.candidateId }) };
}

function perform(message: Request, controller: PanelController): Promise<RequestValue | void> {
  switch (message.type) {
    case 'prompt/insert':
      return controller.insert(message.runId, promptRef(message));
    case 'prompt/copy':
      return controller.copy({ ...promptRef(message), ...(message.runId === undefined ? {} : { runId: message.runId }) });
    case 'prompt/diff':
      return controller.showDiff(message.runId, promptRef(message));
    case 'run/stop':
      return controller.stop(message.runId);
    case 'run/resume':
      return controller.resume(message.runId);
    case 'run/export':
      return controller.exportRun(message.runId, message.format);
    case 'instruction/score':
      return controller.scoreInstruction(message.runId, message.text);
    case 'example/open':
      return controller.openExample(message.runId, message.exampleIndex);
    case 'candidate/details':
      return controller.candidateDetails(message.runId, message.candidateId);
    case 'step/details':
      return controller.stepDetails(message.runId, message.step);
    default:
      return assertNever(message);
  }
}

/**
 * Handles one message from the webview: validates it, checks it targets the panel's own run, calls
 * the matching controller method and answers with `request/result`. Never throws.
 */
export async function handlePanelMessage(raw: unknown, context: MessageContext): Promise<void> {
  const message = parseToHost(raw);
  if (message === undefined) {
    context.log.warn(`Run panel: dropped a malformed message (${describeRaw(raw)}).`);
    return;
  }
  if (message.type === 'panel/ready') {
    context.onReady();
    return;
  }
  const { requestId } = message;
  if ('runId' in message && message.runId !== undefined && message.runId !== context.runId()) {
    context.log.warn(`Run panel: refused ${message.type} for run ${message.runId.slice(0, 40)}, which it does not show.`);
    context.reply({ type: 'request/result', requestId, ok: false, error: 'This panel shows a different run.' });
    return;
  }
  try {
    const value = await perform(message, context.controller);
    context.reply({ type: 'request/result', requestId, ok: true, ...(value === undefined ? {} : { value }) });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    context.log.error(`Run panel: ${message.type} failed: ${error}`);
    context.reply({ type: 'request/result', requestId, ok: false, error });
  }
}

import * as vscode from 'vscode';
import type { RequestLogEntry } from '../core/llm/types';

/** The "OPRO" log channel: one line per model request and every error, never a key or a prompt. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('OPRO', { log: true });
}

/** Logs one request attempt as the engine reports it (`onLog`). */
export function logRequest(log: vscode.LogOutputChannel, entry: RequestLogEntry): void {
  const status = entry.status === undefined ? '' : ` status=${entry.status}`;
  const retry = entry.retryInMs === undefined ? '' : ` retryIn=${entry.retryInMs}ms`;
  const detail = entry.message === undefined ? '' : ` (${entry.message})`;
  const model = entry.label === undefined || entry.label === entry.model ? entry.model : `${entry.label} (${entry.model})`;
  if (entry.outcome === 'note') {
    log.warn(`${model}: ${entry.message ?? ''}`);
    return;
  }
  const line = `${model} attempt ${entry.attempt} ${entry.outcome} in ${entry.durationMs} ms${status}${retry}${detail}`;
  if (entry.outcome === 'failed') {
    log.warn(line);
  } else {
    log.info(line);
  }
}

import * as vscode from 'vscode';
import type { RunView } from '../../core/runView';
import { shiftOffset } from './locateToken';
import { readPromptSource } from './promptSource';

/** Where a run's prompt is now: its document, offset and source text. */
export interface PromptLocation {
  uri: string;
  offset: number;
  token: string;
}

const KEY = 'opro.promptLocations';
/** Locations kept; older runs fall back to the location saved in their run file. */
const MAX_LOCATIONS = 200;

/**
 * Follows each run's prompt through edits: offsets shift with changes made before the prompt, and
 * an insertion makes the inserted text the new prompt (so a second insert replaces the first).
 * Persisted in workspaceState so a reloaded window still finds an inserted prompt.
 */
export class PromptLocations implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: vscode.Memento) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => void this.onChange(event));
  }

  get(runId: string): PromptLocation | undefined {
    return this.all()[runId];
  }

  async set(runId: string, location: PromptLocation): Promise<void> {
    const { [runId]: _previous, ...others } = this.all();
    const kept = Object.entries(others).slice(-(MAX_LOCATIONS - 1));
    await this.state.update(KEY, { ...Object.fromEntries(kept), [runId]: location });
  }

  /** Starts following a run's prompt from where it was when the run started (once per run). */
  async track(record: Pick<RunView, 'id' | 'meta'>): Promise<void> {
    const source = readPromptSource(record.meta);
    if (source !== undefined && this.get(record.id) === undefined) {
      await this.set(record.id, { uri: source.uri, offset: source.offset, token: source.token });
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private all(): Record<string, PromptLocation> {
    return this.state.get<Record<string, PromptLocation>>(KEY) ?? {};
  }

  private async onChange(event: vscode.TextDocumentChangeEvent): Promise<void> {
    const uri = event.document.uri.toString();
    const all = this.all();
    let isChanged = false;
    for (const [runId, location] of Object.entries(all)) {
      if (location.uri !== uri) {
        continue;
      }
      // Changes of one event refer to the text before the event; apply them last-first.
      const changes = [...event.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
      let offset: number | undefined = location.offset;
      for (const change of changes) {
        offset = offset === undefined ? undefined : shiftOffset(offset, location.token.length, change);
      }
      // When the prompt itself was touched, keep the old offset: insertion then searches by text.
      if (offset !== undefined && offset !== location.offset) {
        all[runId] = { ...location, offset };
        isChanged = true;
      }
    }
    if (isChanged) {
      await this.state.update(KEY, all);
    }
  }
}

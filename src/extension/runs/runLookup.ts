import * as vscode from 'vscode';
import { readRunRecord } from '../../core/engine';
import type { RunRecord } from '../../core/runRecord';
import type { RunFiles } from './runFiles';

/** Finds a run's file and record by run id: runs seen in this session first, then the run folder. */
export class RunLookup {
  private readonly files = new Map<string, string>();

  constructor(private readonly runFiles: () => RunFiles) {}

  remember(runId: string, file: string): void {
    this.files.set(runId, file);
  }

  async fileOf(runId: string): Promise<string> {
    const file = this.files.get(runId) ?? (await this.runFiles().fileOf(runId));
    if (file === undefined) {
      throw new Error(vscode.l10n.t('The run {0} is not saved in this workspace.', runId));
    }
    this.files.set(runId, file);
    return file;
  }

  async read(runId: string): Promise<RunRecord> {
    return readRunRecord(await this.fileOf(runId));
  }
}

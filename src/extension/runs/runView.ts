import type { RunEvent } from '../../core/events';
import type { RunRecord } from '../../core/runRecord';

/** Where runs are shown: the results panel (see panelWiring.ts). */
export interface RunView {
  /** Opens the panel beside the editor on this run. */
  show(record: RunRecord, runFile: string | undefined): void;
  /** Forwards a live run's event; `runStarted` opens the panel on it. */
  push(event: RunEvent, runFile: string): void;
  /** Opens the panel with nothing to show yet. */
  showEmpty(): void;
}

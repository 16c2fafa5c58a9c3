import type { CandidateDetailsValue, StepDetailsValue } from '../../webview/protocol';

/** A prompt a control acts on: `text`, or with `candidateId` that candidate's whole prompt (instruction and demonstrations). */
export interface PromptRef {
  text: string;
  candidateId?: string | undefined;
}

/**
 * What the panel's controls do. The panel validates each webview message and calls one of these; every
 * method resolves when done and rejects with a user-facing Error when it cannot.
 */
export interface PanelController {
  /** Replace the run's original prompt range in its source file with the prompt (re-escaped for its literal). */
  insert(runId: string, prompt: PromptRef): Promise<void>;
  copy(prompt: PromptRef & { runId?: string | undefined }): Promise<void>;
  /** VS Code's diff editor: the run's original prompt against the prompt. */
  showDiff(runId: string, prompt: PromptRef): Promise<void>;
  stop(runId: string): Promise<void>;
  resume(runId: string): Promise<void>;
  /** Human in the loop: score a person's instruction; it joins the run's history. */
  scoreInstruction(runId: string, text: string): Promise<void>;
  /** Open the dataset file at the row's line. */
  openExample(runId: string, exampleIndex: number): Promise<void>;
  exportRun(runId: string, format: 'json' | 'csv' | 'markdown'): Promise<void>;
  /** A candidate's per-example results, read from the run's files when the panel asks. */
  candidateDetails(runId: string, candidateId: string): Promise<CandidateDetailsValue>;
  /** A step's meta-prompt and raw replies, read from the run's files when the panel asks. */
  stepDetails(runId: string, step: number): Promise<StepDetailsValue>;
}

import { createHash } from 'node:crypto';
import type { Memento } from 'vscode';
import type { Position } from '../../core/prompt/position';

/** What was answered for one prompt. */
export interface PromptAnswers {
  dataset?: string;
  position?: Position;
}

/** What was answered for one dataset file. */
export interface DatasetAnswers {
  inputColumn?: string;
  targetColumn?: string;
}

interface Stored {
  prompts: Record<string, PromptAnswers>;
  files: Record<string, PromptAnswers>;
  datasets: Record<string, DatasetAnswers>;
}

const KEY = 'opro.answers';

/**
 * Answers remembered per workspace (workspaceState), so the second run of a prompt asks nothing
 * new: the dataset and position by prompt text (and by source file, which survives the prompt
 * being replaced by its optimized version), the columns by dataset file.
 */
export class PromptMemory {
  constructor(private readonly state: Memento) {}

  forPrompt(prompt: string, sourceUri: string | undefined): PromptAnswers {
    const stored = this.read();
    return { ...(sourceUri === undefined ? {} : stored.files[sourceUri]), ...stored.prompts[hashOf(prompt)] };
  }

  async rememberPrompt(prompt: string, sourceUri: string | undefined, answers: PromptAnswers): Promise<void> {
    const stored = this.read();
    const key = hashOf(prompt);
    stored.prompts[key] = { ...stored.prompts[key], ...answers };
    if (sourceUri !== undefined) {
      stored.files[sourceUri] = { ...stored.files[sourceUri], ...answers };
    }
    await this.state.update(KEY, stored);
  }

  forDataset(path: string): DatasetAnswers {
    return this.read().datasets[path] ?? {};
  }

  async rememberDataset(path: string, answers: DatasetAnswers): Promise<void> {
    const stored = this.read();
    stored.datasets[path] = { ...stored.datasets[path], ...answers };
    await this.state.update(KEY, stored);
  }

  private read(): Stored {
    const raw = this.state.get<Partial<Stored>>(KEY) ?? {};
    return { prompts: { ...raw.prompts }, files: { ...raw.files }, datasets: { ...raw.datasets } };
  }
}

function hashOf(prompt: string): string {
  return createHash('sha256').update(prompt).digest('hex').slice(0, 16);
}

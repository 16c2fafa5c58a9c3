import type { Example } from '../dataset/types';
import type { ChatMessage } from '../llm/types';
import type { Position } from './position';
import { fillTemplate } from './template';

export interface ScorerPromptOptions {
  position: Position;
  includeQA: boolean;
}

/**
 * The messages the scorer gets for one example. OPRO's layouts (OPRO.md) go out as one user message,
 * as the official code sends them; an empty instruction drops its line. `system` sends the
 * instruction as the system message; `template` fills the instruction's `{{column}}` placeholders.
 */
export function buildScorerMessages(instruction: string, example: Example, options: ScorerPromptOptions): ChatMessage[] {
  switch (options.position) {
    case 'system':
      return instruction === ''
        ? [{ role: 'user', content: example.input }]
        : [
            { role: 'system', content: instruction },
            { role: 'user', content: example.input },
          ];
    case 'template':
      return [{ role: 'user', content: fillTemplate(instruction, example.fields) }];
    default:
      return [{ role: 'user', content: layoutPrompt(instruction, example.input, options) }];
  }
}

function layoutPrompt(ins: string, q: string, options: ScorerPromptOptions): string {
  return options.includeQA ? withQA(ins, q, options.position) : withoutQA(ins, q, options.position);
}

function withQA(ins: string, q: string, position: Position): string {
  if (ins === '') {
    return `Q: ${q}\n\nA:`;
  }
  switch (position) {
    case 'before_Q':
      return `${ins}\nQ: ${q}\n\nA:`;
    case 'Q_end':
      return `Q: ${q}\n${ins}\n\nA:`;
    case 'A_begin':
      return `Q: ${q}\n\nA: ${ins}`;
    default:
      return `Q: ${ins}\n${q}\n\nA:`;
  }
}

function withoutQA(ins: string, q: string, position: Position): string {
  if (ins === '') {
    return q;
  }
  switch (position) {
    case 'Q_end':
      return `${q}\n${ins}`;
    case 'A_begin':
      return `${q}\n\n${ins}`;
    default:
      return `${ins}\n${q}`;
  }
}

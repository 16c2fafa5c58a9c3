import type { PromptHint } from './types';
import type { LiteralContext } from './literalContext';

/** Names that hold the system message: `system=` (Anthropic), `instructions=` (OpenAI Responses), `SYSTEM_PROMPT`, `systemInstruction`. */
const SYSTEM_NAMES = new Set(['system', 'systemprompt', 'systemmessage', 'systeminstruction', 'systeminstructions', 'instructions', 'developerprompt', 'developermessage', 'preamble']);

/** What a literal's code says about its layout: the content of a system (or developer) message, or a value named as one. */
export function contextHint(context: LiteralContext): PromptHint | undefined {
  if (context.role === 'system' || context.role === 'developer') {
    return { position: 'system', reason: 'systemMessage' };
  }
  const name = context.name?.replace(/^.*\./, '').replace(/[_-]/g, '').toLowerCase();
  return name !== undefined && SYSTEM_NAMES.has(name) ? { position: 'system', reason: 'systemName' } : undefined;
}

import { samePlaceholders } from './template';

export interface ProposalFilter {
  /** `A_begin` uses `<Start>` tags; everything else `<INS>`. */
  tag: 'INS' | 'Start';
  /** @default 500 */
  maxLength: number;
  /** Instructions already scored (and accepted earlier in this step are added as they come). */
  seen: Set<string>;
  /** Template mode: a candidate must keep exactly these placeholders. */
  template?: string;
}

/** An optimizer reply that yielded no instruction to score, and why (kept on the step for display). */
export interface RejectedProposal {
  text: string;
  reason: 'empty' | 'duplicate' | 'tooLong' | 'hasTag' | 'placeholders';
  detail?: string;
}

/** The most of a rejected proposal kept for display; a rambling model must not bloat the run file. */
export const MAX_REJECTED_TEXT_LENGTH = 1000;

export interface ProposalOutcome {
  accepted: string[];
  rejected: RejectedProposal[];
}

/**
 * Pulls the instruction out of one optimizer reply: the text between the first opening tag and the
 * next closing tag; a missing opening tag means from the start, a missing closing tag to the end.
 */
export function extractInstruction(reply: string, tag: 'INS' | 'Start'): string {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const start = reply.indexOf(open);
  const from = start === -1 ? 0 : start + open.length;
  const end = reply.indexOf(close, from);
  return cleanInstruction(reply.slice(from, end === -1 ? undefined : end));
}

/** Trim, drop markdown bold markers, capitalize the first letter (any script). */
export function cleanInstruction(text: string): string {
  const trimmed = text.replaceAll('**', '').trim();
  const first = String.fromCodePoint(trimmed.codePointAt(0) ?? 0);
  return trimmed === '' ? '' : first.toUpperCase() + trimmed.slice(first.length);
}

/**
 * Extracts, cleans, de-duplicates and filters a step's replies, keeping reply order. A rejected
 * proposal keeps at most `MAX_REJECTED_TEXT_LENGTH` characters (plus `…`).
 */
export function acceptProposals(replies: string[], filter: ProposalFilter): ProposalOutcome {
  const outcome: ProposalOutcome = { accepted: [], rejected: [] };
  for (const reply of replies) {
    const text = extractInstruction(reply, filter.tag);
    const reason = rejectionOf(text, filter);
    if (reason === undefined) {
      outcome.accepted.push(text);
      filter.seen.add(text);
    } else if (reply !== '') {
      outcome.rejected.push(rejectedProposal(text === '' ? reply.slice(0, 200) : text, reason, filter.maxLength));
    }
  }
  return outcome;
}

function rejectedProposal(text: string, reason: RejectedProposal['reason'], maxLength: number): RejectedProposal {
  const shown = text.length > MAX_REJECTED_TEXT_LENGTH ? `${text.slice(0, MAX_REJECTED_TEXT_LENGTH)}…` : text;
  return reason === 'tooLong' ? { text: shown, reason, detail: `${text.length} characters, over the limit of ${maxLength}` } : { text: shown, reason };
}

function rejectionOf(text: string, filter: ProposalFilter): RejectedProposal['reason'] | undefined {
  if (text === '') {
    return 'empty';
  }
  if (filter.seen.has(text)) {
    return 'duplicate';
  }
  if (text.length > filter.maxLength) {
    return 'tooLong';
  }
  if (/<\/?(INS|Start)>/i.test(text)) {
    return 'hasTag';
  }
  if (filter.template !== undefined && !samePlaceholders(filter.template, text)) {
    return 'placeholders';
  }
  return undefined;
}

import { isCancellation } from '../errors';
import { isCutOff } from '../llm/chatResponse';
import type { ChatRequest, ChatResponse } from '../llm/types';
import { mixSeed } from '../random';
import { BudgetExhausted } from './callBudget';
import { isFatal } from './fatal';
import type { RunConfig } from '../config';
import type { LlmClient } from '../llm/types';
import type { RunStore } from '../store/runStore';
import type { UsageMeter } from './usage';

/** What asking the optimizer needs. */
export interface ProposalContext {
  client: LlmClient;
  /** Where the best candidate's results are read back from (exemplar selection `failures`). */
  store: RunStore;
  config: RunConfig;
  meter: UsageMeter;
  signal?: AbortSignal;
  /** Called for each proposal cut at the token limit (the run warns once). */
  onTruncated?: () => void;
}

/** One optimizer sample: its text, and whether it was cut at the token limit. */
export interface Draw {
  text: string;
  isCut: boolean;
}

function requestFor(metaPrompt: string, context: ProposalContext, extra: Pick<ChatRequest, 'seed' | 'drawIndex' | 'n'>): ChatRequest {
  const { config } = context;
  return { messages: [{ role: 'user', content: metaPrompt }], temperature: config.optimizer.temperature, maxTokens: config.optimizer.maxTokens, ...extra };
}

async function ask(request: ChatRequest, context: ProposalContext): Promise<ChatResponse> {
  const { client, meter } = context;
  try {
    const response = await client.complete(request, context.signal);
    meter.recordResponse('optimizer', client.model, response);
    return response;
  } catch (err) {
    if (!(err instanceof BudgetExhausted) && !isCancellation(err)) {
      meter.recordFailure('optimizer', client.model);
    }
    throw err;
  }
}

function drawOf(text: string, finishReason: string | undefined, response: ChatResponse, context: ProposalContext): Draw {
  const isCut = isCutOff({ ...response, text, ...(finishReason === undefined ? {} : { finishReason }) });
  if (isCut) {
    context.onTruncated?.();
  }
  return { text, isCut };
}

/** Draw `draw` on its own request (its own seed and cache key, as before `n` was used). */
async function askOne(metaPrompt: string, step: number, draw: number, context: ProposalContext): Promise<Draw> {
  const response = await ask(requestFor(metaPrompt, context, { drawIndex: draw, seed: mixSeed(context.config.seed, step, draw) }), context);
  return drawOf(response.text, response.finishReason, response, context);
}

/** All `count` samples in one request (`n`): the meta-prompt's tokens are paid once. An endpoint that ignores `n` answers fewer. */
async function askMany(metaPrompt: string, step: number, count: number, context: ProposalContext): Promise<Draw[]> {
  const response = await ask(requestFor(metaPrompt, context, { n: count, seed: mixSeed(context.config.seed, step, 0) }), context);
  const texts = response.choices ?? [response.text];
  return texts.slice(0, count).map((text, i) => drawOf(text, response.finishReasons?.[i] ?? (i === 0 ? response.finishReason : undefined), response, context));
}

/**
 * The step's `candidatesPerStep` samples, in draw order: one request asking for all of them where
 * the endpoint honours `n`, then one request per sample still missing (an endpoint that refuses or
 * ignores `n`, or a failed batch). Each outcome settles on its own; a fatal error rejects.
 */
export async function drawSamples(metaPrompt: string, step: number, context: ProposalContext): Promise<Array<PromiseSettledResult<Draw>>> {
  const count = context.config.candidatesPerStep;
  let batch: Draw[] = [];
  if (count > 1) {
    try {
      batch = await askMany(metaPrompt, step, count, context);
    } catch (err) {
      if (isFatal(err)) {
        throw err;
      }
      // A batch that failed after its retries: the samples are asked for one by one instead.
    }
  }
  const missing = Array.from({ length: count - batch.length }, (_, i) => batch.length + i);
  const singles = await Promise.allSettled(missing.map((draw) => askOne(metaPrompt, step, draw, context)));
  return [...batch.map((value): PromiseSettledResult<Draw> => ({ status: 'fulfilled', value })), ...singles];
}

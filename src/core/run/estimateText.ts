import type { RunConfig } from '../config';
import { formatUsd } from '../pricing';
import type { RunEstimate, Spend } from './costEstimate';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Tokens in a short form: `812`, `45.3k`, `1.27M`. */
export function formatTokens(n: number): string {
  if (n >= 1_000_000) {
    return `${(n / 1_000_000).toFixed(2)}M`;
  }
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : count(n);
}

/** The dollar part of a figure: the sum, "not priced" for a model without a price, nothing for VS Code's models (they have requests). */
function dollars(spend: Spend, estimate: RunEstimate): string {
  if (estimate.isRequestsOnly) {
    return '';
  }
  return spend.costUsd === undefined ? ', not priced' : `, ${formatUsd(spend.costUsd)}`;
}

function figure(spend: Spend, estimate: RunEstimate): string {
  const calls = estimate.isRequestsOnly ? 'requests' : 'calls';
  return `${count(spend.calls)} ${calls}, ${formatTokens(spend.promptTokens)} input + ${formatTokens(spend.completionTokens)} output tokens${dollars(spend, estimate)}`;
}

function assumptions(config: RunConfig, estimate: RunEstimate): string {
  const parts = [
    config.evaluation === 'adaptive' ? 'adaptive evaluation stops most candidates early' : 'every candidate on every training row',
    ...(config.steps > 0 ? [estimate.isBatchingSamples ? `the optimizer's ${config.candidatesPerStep} samples in one request (n)` : 'one optimizer request per sample'] : []),
    'answers of a typical length',
  ];
  return parts.join(', ');
}

/** Why the run may stop before the figures: the budgets it was given. */
function limits(config: RunConfig): string[] {
  const parts = [
    ...(config.maxCalls > 0 ? [`${count(config.maxCalls)} calls`] : []),
    ...(config.maxTokens > 0 ? [`${formatTokens(config.maxTokens)} tokens`] : []),
    ...((config.maxCost ?? 0) > 0 ? [formatUsd(config.maxCost ?? 0)] : []),
  ];
  return parts.length === 0 ? [] : [`The run stops at ${parts.join(' or ')}, whichever comes first, and can be resumed.`];
}

function pricingNote(estimate: RunEstimate): string[] {
  if (estimate.isRequestsOnly) {
    return ["VS Code's language models have no price per token here: each request counts against your plan's limits."];
  }
  if (estimate.unpriced.length > 0) {
    return [`Not priced: ${estimate.unpriced.join(', ')}. Give it a price in opro.prices (or "prices" in opro.config.json), USD per million tokens.`];
  }
  return [`List prices as of ${estimate.pricesAsOf}; answers already cached are free.`];
}

/**
 * The estimate as plain lines, the same for the CLI's `--dry-run`, the extension's confirm step and
 * the agent tools: the upper bound, the expected figure with its assumptions, the limits, the prices.
 */
export function describeEstimate(config: RunConfig, estimate: RunEstimate): string[] {
  const shape = config.steps === 0
    ? `${count(config.seedInstructions.length)} instruction(s)`
    : `${count(config.steps)} steps × ${count(config.candidatesPerStep)} candidates`;
  const rows = `${count(estimate.trainRows)} training rows${estimate.validationRows > 0 ? ` (+${count(estimate.validationRows)} validation)` : ''}`;
  return [
    `Estimate for ${shape} on ${rows}:`,
    `  at most:  ${figure(estimate.upper, estimate)}`,
    `  expected: ${figure(estimate.expected, estimate)} (${assumptions(config, estimate)})`,
    ...limits(config),
    ...pricingNote(estimate),
  ];
}

/** The one-line figure a confirmation leads with: "about $0.42 (at most $1.80)", or the request counts, or "not priced". */
export function headlineOf(estimate: RunEstimate): string {
  const { upper, expected } = estimate;
  if (estimate.isRequestsOnly) {
    return `about ${count(expected.calls)} requests (at most ${count(upper.calls)})`;
  }
  if (upper.costUsd === undefined || expected.costUsd === undefined) {
    return `about ${count(expected.calls)} calls (at most ${count(upper.calls)}), not priced`;
  }
  return `about ${formatUsd(expected.costUsd)} (at most ${formatUsd(upper.costUsd)})`;
}

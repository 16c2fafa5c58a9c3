import type { Page } from 'playwright-core';
import type { ScoredCandidate } from '../../src/core/runRecord';

export const RUN_FILE = '/work/project/.opro/runs/2025-11-20T09-30-00-run.json';

/** Ids of the candidate rows in table order. */
export function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('.candidates-table tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.id ?? ''));
}

export function selectedRowId(page: Page): Promise<string | undefined> {
  return page.$$eval('.candidates-table tbody tr.selected', (rows) => (rows[0] as HTMLElement | undefined)?.dataset.id);
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.textContent(selector)) ?? '';
}

/** The table order the issues ask for: fully scored first, then objective (else score) descending, ties by step, then proposal order. */
export function bestFirst(candidates: readonly ScoredCandidate[]): ScoredCandidate[] {
  const partial = (c: ScoredCandidate): number => (c.partial === true ? 1 : 0);
  const value = (c: ScoredCandidate): number => c.objective ?? c.score;
  return [...candidates].sort((a, b) => partial(a) - partial(b) || value(b) - value(a) || a.step - b.step || a.ordinal - b.ordinal);
}

export function rowSelector(id: string): string {
  return `.candidates-table tbody tr[data-id="${id}"]`;
}

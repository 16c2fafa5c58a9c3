import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTsChild } from '../childJson';
import { round, type Emit } from '../report';

const ROOT = resolve(__dirname, '..', '..');
const CANDIDATES = 2000;
const TARGET_ACTIVATION_MS = 50;
/**
 * Where the VS Code harness may expose its activation timing: a script that starts the real
 * harness, activates the extension once and prints `{ "activationMs": number }` as its last line.
 */
const ACTIVATION_HOOKS = ['scripts/vscode-harness/activationBench.js', 'scripts/vscode-harness/activationBench.ts', 'test/vscode/activationBench.ts'];

async function activation(emit: Emit): Promise<void> {
  const hook = ACTIVATION_HOOKS.find((path) => existsSync(join(ROOT, path)));
  if (hook === undefined) {
    emit({
      figure: 'activation',
      skipped: `no activation hook yet: expected ${ACTIVATION_HOOKS.join(' or ')} printing { "activationMs": number } as its last line`,
      target: `< ${TARGET_ACTIVATION_MS} ms`,
    });
    return;
  }
  const result = await runTsChild<{ activationMs: number }>(join(ROOT, hook), [], 300_000);
  emit({ figure: 'activation', hook, activationMs: round(result.activationMs), target: `< ${TARGET_ACTIVATION_MS} ms`, met: result.activationMs < TARGET_ACTIVATION_MS });
}

async function panelRender(emit: Emit): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) {
    emit({ figure: 'panel-render', skipped: 'needs /usr/bin/chromium' });
    return;
  }
  const result = await runTsChild<{ candidates: number; renderMs: number; batchMs: number; rows: number }>(
    join(__dirname, '..', 'panelRenderProcess.ts'),
    [String(CANDIDATES)],
    240_000,
  );
  emit({
    figure: 'panel-render',
    candidates: result.candidates,
    tableRows: result.rows,
    renderMs: round(result.renderMs),
    liveBatchOf8Ms: round(result.batchMs),
  });
}

/** Figure 5b: the numbers the VS Code and webview harnesses measure, each run as a child process. */
export async function harnessFigures(emit: Emit): Promise<void> {
  await activation(emit);
  await panelRender(emit);
}

// `npm start`, the one-command try-out: builds the extension, installs it into a fresh extensions
// folder of a private code-server (VS Code in the browser, provisioned by the test harness into
// .vscode-test/), opens the example workspace on 127.0.0.1, prints the URL and runs until Ctrl-C.
// The window sees OPENAI_API_KEY from this environment; OPENAI_BASE_URL becomes its opro.baseUrl.
//   npm start -- --smoke   start, check that the workbench answers and lists the extension, stop
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startCodeServer, VSCODE_TEST, type RunningServer } from '../test/vscode/e2e/codeServer';

const isSmoke = process.argv.includes('--smoke');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
const EXTENSION = `${manifest.publisher}.${manifest.name}@${manifest.version}`;

function say(message: string): void {
  console.log(`[start] ${message}`);
}

function prepare(): void {
  say('checking code-server, Node 24 and Chromium (cached in .vscode-test/; the first time takes ~3 min)');
  execFileSync('bash', [join(ROOT, 'scripts', 'vscode-harness', 'provision.sh')], { stdio: isSmoke ? 'pipe' : 'inherit' });
  say('building the extension');
  execFileSync(process.execPath, [join(ROOT, 'esbuild.js')], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * The try-out keeps its window state and a copy of examples/workspace in .vscode-test/start/, so runs
 * and inserted prompts never touch the repository; files added to the example later are copied in.
 * The smoke check uses a throwaway folder. The extensions folder is always fresh.
 */
function folders(): { dir: string; workspace: string; isThrowaway: boolean } {
  const dir = isSmoke ? join(VSCODE_TEST, 'runs', `start-smoke-${Date.now()}`) : join(VSCODE_TEST, 'start');
  const workspace = join(dir, 'workspace');
  rmSync(join(dir, 'ext'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples', 'workspace'), workspace, { recursive: true, force: false });
  return { dir, workspace, isThrowaway: isSmoke };
}

/** What the extension will use for models, from this environment (the key itself is never printed). */
function modelSetup(): { userSettings: Record<string, unknown>; notes: string[] } {
  const baseUrl = process.env.OPENAI_BASE_URL?.trim();
  const hasKey = Boolean(process.env.OPENAI_API_KEY?.trim());
  const notes = [
    baseUrl ? `endpoint: ${baseUrl} (OPENAI_BASE_URL, set as opro.baseUrl in the window's user settings)` : 'endpoint: OpenAI, or a local Ollama when no key is set (OPENAI_BASE_URL overrides)',
    hasKey ? 'API key: OPENAI_API_KEY from this environment' : 'API key: none in the environment; run "OPRO: Set API Key" in the window, or use a local server',
  ];
  return { userSettings: baseUrl ? { 'opro.baseUrl': baseUrl } : {}, notes };
}

/** The workbench page answers and the server lists the extension; throws otherwise. */
async function smokeCheck(server: RunningServer, workspace: string): Promise<void> {
  const response = await fetch(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  const page = await response.text();
  if (response.status !== 200 || !page.includes('workbench')) {
    throw new Error(`the workbench page answered ${response.status} (${page.length} bytes)`);
  }
  const installed = server.listExtensions();
  if (!installed.includes(EXTENSION)) {
    throw new Error(`code-server does not list ${EXTENSION}; it lists: ${installed.join(', ') || 'nothing'}`);
  }
  say(`smoke check passed: the workbench answers 200 and lists ${EXTENSION}`);
}

function untilStopped(server: RunningServer): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('interrupted'));
    process.once('SIGTERM', () => resolve('terminated'));
    void server.exited.then(() => resolve('exited'));
  });
}

async function main(): Promise<void> {
  prepare();
  const { dir, workspace, isThrowaway } = folders();
  const { userSettings, notes } = modelSetup();
  const server = await startCodeServer({ dir, folder: workspace, env: {}, userSettings });
  let isOk = false;
  try {
    if (isSmoke) {
      await smokeCheck(server, workspace);
    } else {
      say(`VS Code with OPRO is at ${server.url}/  (the example workspace: ${workspace})`);
      notes.forEach((note) => say(note));
      say('open src/app.ts, put the cursor in the prompt and run "OPRO: Optimize Prompt"; Ctrl-C stops the server');
      if ((await untilStopped(server)) === 'exited') {
        throw new Error(`code-server exited on its own; its log: ${server.logFile}`);
      }
    }
    isOk = true;
  } finally {
    await server.stop();
    if (isThrowaway && isOk) {
      rmSync(dir, { recursive: true, force: true });
    } else if (!isOk) {
      console.error(`[start] code-server's log: ${server.logFile}`);
    }
  }
  say('stopped');
}

main().catch((err: unknown) => {
  console.error(`[start] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// Loads the real panel bundle in headless Chromium, in a page with the host's own HTML and CSP, and a
// stand-in `acquireVsCodeApi` that records what the panel posts (like Continue's MockIdeMessenger).
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildPanelHtml, createNonce } from '../../src/extension/panel/panelHtml';
import type { PanelState, ToHost, ToPanel } from '../../src/webview/protocol';
import type { RunRecord } from '../../src/core/runRecord';
import { detailAnswers, lightRun } from './fixtures';
import { THEMES, type ThemeName } from './themes';

const ROOT = path.resolve(__dirname, '../..');
const OUT_DIR = path.join(ROOT, 'out', 'webview-test');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json' };

let built: Promise<unknown> | undefined;

/** Builds src/webview/main.ts as the extension does (browser IIFE + its CSS), once per test process. */
export function buildPanelBundle(): Promise<unknown> {
  built ??= esbuild.build({
    entryPoints: { panel: path.join(ROOT, 'src/webview/main.ts') },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: OUT_DIR,
    logLevel: 'warning',
  });
  return built;
}

async function sendFile(res: ServerResponse, file: string): Promise<void> {
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

function route(req: IncomingMessage, res: ServerResponse, origin: () => string): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const name = path.basename(url.pathname);
  if (url.pathname === '/') {
    const html = buildPanelHtml({
      cspSource: origin(),
      nonce: createNonce(),
      scriptUri: `${origin()}/dist/webview/panel.js`,
      styleUris: [`${origin()}/dist/webview/panel.css`, `${origin()}/media/panel.css`],
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  } else if (url.pathname === `/dist/webview/${name}`) {
    void sendFile(res, path.join(OUT_DIR, name));
  } else if (url.pathname === `/media/${name}`) {
    void sendFile(res, path.join(ROOT, 'media', name));
  } else {
    // Chromium asks for /favicon.ico; VS Code's webviews never do, so no 404 shows in the console.
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
  }
}

export interface OpenOptions {
  /** What `getState()` returns at load, as after a reload. */
  state?: PanelState;
  /** @default 'dark' */
  theme?: ThemeName;
  /** @default 1100 */
  width?: number;
  /** @default 900 */
  height?: number;
}

/** One loaded panel. */
export class PanelPage {
  /** Console errors and uncaught exceptions in the page. */
  readonly problems: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => void (m.type() === 'error' && this.problems.push(m.text())));
    page.on('pageerror', (e) => void this.problems.push(e.message));
  }

  /**
   * Posts a host message and resolves once the panel has handled it and every detail it fetched since
   * was answered. A `run/show` of a whole record (with `examples`) is sent as the light view the host
   * sends, and the page's stand-in host answers `candidate/details` and `step/details` from that record.
   */
  async send(message: ToPanel | Record<string, unknown>): Promise<void> {
    const record = (message as { record?: unknown }).record;
    let sent = message;
    if (message.type === 'run/show' && typeof record === 'object' && record !== null && 'examples' in record) {
      const full = record as RunRecord;
      await this.page.evaluate((json) => void (window.__details = JSON.parse(json) as unknown), JSON.stringify(detailAnswers(full)));
      sent = { ...message, record: lightRun(full) };
    }
    // Sent as a JSON string: Playwright's own argument serialization is slow for a large run.
    await this.page.evaluate(
      (json) =>
        new Promise<void>((resolve) => {
          const seq = (window.__seq = (window.__seq ?? 0) + 1);
          const settled = (): void => {
            if (window.__pending === 0) {
              setTimeout(resolve, 0);
            } else {
              setTimeout(settled, 5);
            }
          };
          const onMessage = (event: MessageEvent<{ __seq?: number }>): void => {
            if (event.data?.__seq === seq) {
              window.removeEventListener('message', onMessage);
              setTimeout(settled, 0);
            }
          };
          window.addEventListener('message', onMessage);
          window.postMessage({ ...(JSON.parse(json) as object), __seq: seq }, '*');
        }),
      JSON.stringify(sent),
    );
  }

  /** What the panel posted to the host, its detail fetches left out (see `fetched`). */
  posted(): Promise<ToHost[]> {
    return this.page.evaluate(() => window.__posted as ToHost[]);
  }

  /** The detail requests the panel made (`candidate/details`, `step/details`), in order. */
  fetched(): Promise<ToHost[]> {
    return this.page.evaluate(() => window.__fetched as ToHost[]);
  }

  /** The messages posted after the first `skip` ones. */
  async postedSince(skip: number): Promise<ToHost[]> {
    return (await this.posted()).slice(skip);
  }

  state(): Promise<PanelState> {
    return this.page.evaluate(() => window.__state as PanelState);
  }

  violations(): Promise<string[]> {
    return this.page.evaluate(() => window.__violations);
  }

  /** Sets the theme the way VS Code does: variables on <html>, a class on <body>. */
  async setTheme(theme: ThemeName): Promise<void> {
    await this.page.evaluate(
      ({ name, vars }) => {
        for (const [key, value] of Object.entries(vars)) {
          document.documentElement.style.setProperty(key, value);
        }
        document.body.classList.remove('vscode-light', 'vscode-dark');
        document.body.classList.add(`vscode-${name}`);
      },
      { name: theme, vars: THEMES[theme] },
    );
  }
}

export class PanelHarness {
  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
    private readonly origin: string,
  ) {}

  static async start(): Promise<PanelHarness> {
    await buildPanelBundle();
    let origin = '';
    const server = createServer((req, res) => route(req, res, () => origin));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return new PanelHarness(browser, server, origin);
  }

  /** Opens the panel page and waits for its `panel/ready`. */
  async open(options: OpenOptions = {}): Promise<PanelPage> {
    const page = await this.browser.newPage({ viewport: { width: options.width ?? 1100, height: options.height ?? 900 } });
    // tsx compiles these tests with esbuild's keepNames, whose `__name` helper the page lacks.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript((state) => {
      window.__posted = [];
      window.__fetched = [];
      window.__pending = 0;
      window.__violations = [];
      // The stand-in host answers detail fetches from the last whole record sent (see PanelPage.send).
      const answer = (m: { type: string; requestId: number; candidateId?: string; step?: number }): void => {
        const details = window.__details as { candidates: Record<string, unknown>; steps: Record<string, unknown> } | undefined;
        const value = m.type === 'candidate/details' ? details?.candidates[m.candidateId ?? ''] : details?.steps[String(m.step)];
        window.__pending += 1;
        setTimeout(() => {
          window.postMessage(value === undefined ? { type: 'request/result', requestId: m.requestId, ok: false, error: 'not in the fixture' } : { type: 'request/result', requestId: m.requestId, ok: true, value }, '*');
          setTimeout(() => void (window.__pending -= 1), 0);
        }, 0);
      };
      window.__state = state;
      let isAcquired = false;
      Object.assign(window, {
        acquireVsCodeApi: () => {
          if (isAcquired) {
            throw new Error('acquireVsCodeApi may only be called once');
          }
          isAcquired = true;
          return {
            postMessage: (m: { type: string; requestId: number }) => {
              const copy = JSON.parse(JSON.stringify(m)) as { type: string; requestId: number };
              if (copy.type === 'candidate/details' || copy.type === 'step/details') {
                window.__fetched.push(copy);
                answer(copy);
              } else {
                window.__posted.push(copy);
              }
            },
            getState: () => window.__state,
            setState: (s: unknown) => void (window.__state = s),
          };
        },
      });
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    }, options.state);
    const panel = new PanelPage(page);
    await page.goto(`${this.origin}/`);
    await panel.setTheme(options.theme ?? 'dark');
    await page.waitForFunction(() => window.__posted.length > 0);
    return panel;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * Mocha hooks for a suite of panel tests: one Chromium for the suite, a fresh panel page per test, and
 * after each test no CSP violation and no console error. Returns the current page's panel (valid inside a test).
 */
export function usePanelPerTest(options: OpenOptions = {}): () => PanelPage {
  let harness: PanelHarness;
  let panel: PanelPage | undefined;
  before(async () => {
    harness = await PanelHarness.start();
  });
  after(async () => {
    await harness.stop();
  });
  beforeEach(async () => {
    panel = await harness.open(options);
  });
  afterEach(async () => {
    if (panel === undefined) {
      return;
    }
    const page = panel;
    panel = undefined;
    try {
      assert.deepEqual(await page.violations(), [], 'no CSP violation');
      assert.deepEqual(page.problems, [], 'no console error');
    } finally {
      await page.page.close();
    }
  });
  return () => {
    if (panel === undefined) {
      throw new Error('usePanelPerTest: the panel exists only inside a test');
    }
    return panel;
  };
}

import assert from 'node:assert/strict';
import type { RunEvent } from '../../src/core/events';
import type { PanelController } from '../../src/extension/panel/panelController';
import { buildPanelHtml, panelCsp } from '../../src/extension/panel/panelHtml';
import { handlePanelMessage, type MessageContext } from '../../src/extension/panel/panelMessages';
import { PanelOutbox } from '../../src/extension/panel/panelOutbox';
import { applyRunEvent } from '../../src/core/applyRunEvent';
import type { RequestResultMessage, ToPanel } from '../../src/webview/protocol';
import { FakeClock } from '../support/fakeClock';
import { eventsOf } from './fixtureEvents';
import type { RunView } from '../../src/core/runView';
import { lightRun, makeRunRecord } from './fixtures';

function outbox(batchMs = 40): { box: PanelOutbox; posts: ToPanel[]; clock: FakeClock } {
  const posts: ToPanel[] = [];
  const clock = new FakeClock();
  return { box: new PanelOutbox({ post: (m) => posts.push(structuredClone(m)), batchMs, timers: clock }), posts, clock };
}

function recordingController(calls: unknown[][], failWith?: string): PanelController {
  const act = (name: string) => async (...args: unknown[]): Promise<void> => {
    calls.push([name, ...args]);
    if (failWith !== undefined) {
      throw new Error(failWith);
    }
  };
  return {
    insert: act('insert'),
    copy: act('copy'),
    showDiff: act('showDiff'),
    stop: act('stop'),
    resume: act('resume'),
    scoreInstruction: act('scoreInstruction'),
    openExample: act('openExample'),
    exportRun: act('exportRun'),
    candidateDetails: async (...args: unknown[]) => {
      await act('candidateDetails')(...args);
      return { kind: 'candidateDetails', candidateId: String(args[1]), rows: [], total: 0, wrong: 0, ungraded: 0 };
    },
    stepDetails: async (...args: unknown[]) => {
      await act('stepDetails')(...args);
      return { kind: 'stepDetails', step: Number(args[1]), metaPrompt: 'M', replies: ['R'], rejected: [] };
    },
  };
}

describe('the panel host', () => {
  const record = makeRunRecord({ steps: 3, perStep: 4, rows: 20 });
  const events = eventsOf(record);
  const [started, ...rest] = events as [Extract<RunEvent, { type: 'runStarted' }>, ...RunEvent[]];
  /** The light view after `count` of the events that follow runStarted. */
  const after = (count: number): RunView => rest.slice(0, count).reduce((view, event) => applyRunEvent(view, event), structuredClone(started.record));

  describe('PanelOutbox', () => {
    it('posts nothing before panel/ready, then the run as it stands now in one run/show', () => {
      const { box, posts, clock } = outbox();
      box.pushEvent(started, { runId: record.id, runFile: '/w/.opro/runs/a.json' });
      rest.slice(0, 5).forEach((e) => box.pushEvent(e, { runId: record.id }));
      clock.advance(60);
      assert.deepEqual(posts, []);
      box.ready();
      assert.deepEqual(posts, [{ type: 'run/show', record: after(5), isLive: true, runFile: '/w/.opro/runs/a.json' }]);
    });

    it('coalesces a burst of events into one message and waits the batch interval before the next', () => {
      const { box, posts, clock } = outbox(200);
      const shape = (): (string | number)[] => posts.map((p) => (p.type === 'run/events' ? p.events.length : p.type));
      box.ready();
      box.pushEvent(started, { runId: record.id });
      rest.slice(0, 10).forEach((e) => box.pushEvent(e, { runId: record.id }));
      clock.advance(0);
      assert.deepEqual(shape(), ['run/show', 10], 'the first batch goes out at once');
      clock.advance(10);
      rest.slice(10, 12).forEach((e) => box.pushEvent(e, { runId: record.id }));
      clock.advance(189);
      assert.deepEqual(shape(), ['run/show', 10], 'the next waits until 200 ms after the first');
      clock.advance(1);
      assert.deepEqual(shape(), ['run/show', 10, 2]);
      assert.equal(clock.scheduled, 0);
    });

    it('gives a re-created webview (hidden tab, reload) the light view as it stands now, replaying no event', () => {
      const { box, posts, clock } = outbox(10);
      box.ready();
      box.pushEvent(started, { runId: record.id });
      rest.forEach((e) => box.pushEvent(e, { runId: record.id }));
      clock.advance(30);
      box.unready();
      posts.length = 0;
      box.ready();
      assert.deepEqual(posts, [{ type: 'run/show', record: after(rest.length), isLive: false }]);
      assert.ok(!JSON.stringify(posts).includes('"results"'), 'no per-example results reach the panel');
      assert.equal(started.record.candidates.length, 0, 'the event the host was given is left as it was');
    });

    it('drops live events while the panel shows another run, and marks that run not live', () => {
      const { box, posts, clock } = outbox(10);
      const old = makeRunRecord({ seed: 9, steps: 2 });
      box.ready();
      box.pushEvent(started, { runId: record.id });
      box.show({ type: 'run/show', record: lightRun(old), runFile: '/w/.opro/runs/old.json' });
      rest.slice(0, 4).forEach((e) => box.pushEvent(e, { runId: record.id }));
      clock.advance(30);
      assert.deepEqual(posts.map((p) => p.type), ['run/show', 'run/show']);
      assert.equal((posts[1] as Extract<ToPanel, { type: 'run/show' }>).isLive, false);
      box.show({ type: 'run/show', record: started.record });
      assert.equal((posts[2] as Extract<ToPanel, { type: 'run/show' }>).isLive, true, 'the live run shown again is live');
    });

    it('drops a request reply meant for a webview that is gone, and queues notices for the next one', () => {
      const { box, posts } = outbox();
      box.reply({ type: 'request/result', requestId: 1, ok: true });
      box.notify({ type: 'notice/show', level: 'error', message: 'Could not read the run.' });
      box.ready();
      assert.deepEqual(posts, [{ type: 'notice/show', level: 'error', message: 'Could not read the run.' }]);
    });

    it('drops a notice queued before ready once a run is shown, so "Preparing the run" never sits under the run', () => {
      const { box, posts } = outbox();
      const record = lightRun(makeRunRecord({ steps: 2 }));
      box.notify({ type: 'notice/show', level: 'info', message: 'Preparing the run: it shows here once the questions are answered.' });
      box.show({ type: 'run/show', record });
      box.ready();
      assert.deepEqual(posts.map((m) => m.type), ['run/show']);
    });
  });

  describe('handlePanelMessage', () => {
    function context(calls: unknown[][], replies: RequestResultMessage[], failWith?: string): MessageContext & { warnings: string[] } {
      const warnings: string[] = [];
      return {
        warnings,
        controller: recordingController(calls, failWith),
        log: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
        runId: () => 'run-1',
        onReady: () => calls.push(['ready']),
        reply: (m) => replies.push(m),
      };
    }

    it('calls the matching action for each request and answers ok', async () => {
      const calls: unknown[][] = [];
      const replies: RequestResultMessage[] = [];
      const ctx = context(calls, replies);
      const runId = 'run-1';
      const messages = [
        { type: 'panel/ready' },
        { type: 'prompt/insert', requestId: 1, runId, text: 'A' },
        { type: 'prompt/copy', requestId: 2, text: 'B' },
        { type: 'prompt/diff', requestId: 3, runId, text: 'C' },
        { type: 'prompt/insert', requestId: 11, runId, text: 'E', candidateId: 'c5' },
        { type: 'prompt/copy', requestId: 12, runId, text: 'F', candidateId: 'c5' },
        { type: 'prompt/diff', requestId: 13, runId, text: 'G', candidateId: 'c5' },
        { type: 'run/stop', requestId: 4, runId },
        { type: 'run/resume', requestId: 5, runId },
        { type: 'run/export', requestId: 6, runId, format: 'markdown' },
        { type: 'instruction/score', requestId: 7, runId, text: 'D' },
        { type: 'example/open', requestId: 8, runId, exampleIndex: 12 },
        { type: 'candidate/details', requestId: 9, runId, candidateId: 'c9' },
        { type: 'step/details', requestId: 10, runId, step: 2 },
      ];
      for (const m of messages) {
        await handlePanelMessage(m, ctx);
      }
      assert.deepEqual(calls, [
        ['ready'],
        ['insert', runId, { text: 'A' }],
        ['copy', { text: 'B' }],
        ['showDiff', runId, { text: 'C' }],
        ['insert', runId, { text: 'E', candidateId: 'c5' }],
        ['copy', { text: 'F', candidateId: 'c5', runId }],
        ['showDiff', runId, { text: 'G', candidateId: 'c5' }],
        ['stop', runId],
        ['resume', runId],
        ['exportRun', runId, 'markdown'],
        ['scoreInstruction', runId, 'D'],
        ['openExample', runId, 12],
        ['candidateDetails', runId, 'c9'],
        ['stepDetails', runId, 2],
      ]);
      assert.deepEqual(replies, [
        ...[1, 2, 3, 11, 12, 13, 4, 5, 6, 7, 8].map((requestId) => ({ type: 'request/result', requestId, ok: true })),
        { type: 'request/result', requestId: 9, ok: true, value: { kind: 'candidateDetails', candidateId: 'c9', rows: [], total: 0, wrong: 0, ungraded: 0 } },
        { type: 'request/result', requestId: 10, ok: true, value: { kind: 'stepDetails', step: 2, metaPrompt: 'M', replies: ['R'], rejected: [] } },
      ]);
    });

    it('refuses to act on another run than the one shown', async () => {
      const calls: unknown[][] = [];
      const replies: RequestResultMessage[] = [];
      const ctx = context(calls, replies);
      await handlePanelMessage({ type: 'prompt/insert', requestId: 9, runId: 'run-2', text: 'A' }, ctx);
      assert.deepEqual(calls, []);
      assert.deepEqual(replies, [{ type: 'request/result', requestId: 9, ok: false, error: 'This panel shows a different run.' }]);
    });

    it('drops a malformed message with a warning that does not echo its content', async () => {
      const calls: unknown[][] = [];
      const replies: RequestResultMessage[] = [];
      const ctx = context(calls, replies);
      await handlePanelMessage({ type: 'prompt/insert', requestId: 1, runId: 'run-1', text: '' }, ctx);
      await handlePanelMessage('secret prompt text', ctx);
      assert.deepEqual([calls, replies], [[], []]);
      assert.deepEqual(ctx.warnings, ['Run panel: dropped a malformed message ("prompt/insert").', 'Run panel: dropped a malformed message (a string).']);
    });

    it('answers with the action’s error when it fails', async () => {
      const replies: RequestResultMessage[] = [];
      await handlePanelMessage({ type: 'run/resume', requestId: 3, runId: 'run-1' }, context([], replies, 'The run file is gone.'));
      assert.deepEqual(replies, [{ type: 'request/result', requestId: 3, ok: false, error: 'The run file is gone.' }]);
    });
  });

  describe('buildPanelHtml', () => {
    it('allows only the nonce’d script and the extension’s files, with no inline styles or scripts', () => {
      const html = buildPanelHtml({ cspSource: 'https://ext.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://ext/panel.js', styleUris: ['https://ext/panel.css'] });
      assert.equal(
        panelCsp('https://ext.vscode-cdn.net', 'abc123'),
        "default-src 'none'; style-src https://ext.vscode-cdn.net; script-src 'nonce-abc123'",
      );
      assert.ok(html.includes(`content="${panelCsp('https://ext.vscode-cdn.net', 'abc123')}"`));
      assert.ok(html.includes('<script nonce="abc123" src="https://ext/panel.js"></script>'));
      assert.ok(!/unsafe-inline|unsafe-eval|<style|style=/.test(html));
    });
  });
});

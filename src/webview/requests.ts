import { el, setText } from './dom';
import type { CandidateDetailsValue, NoticeShowMessage, RequestResultMessage, RequestValue, StepDetailsValue, ToHost, ToHostRequest } from './protocol';
import type { HostChannel } from './vscodeApi';

export interface RequestLabels {
  /** Shown while the host works ('' shows nothing). */
  pending: string;
  /** Shown when the host answers ok ('' shows nothing). */
  done: string;
}

/** A request that fetches data, with what to do with its value. */
type Fetch =
  | { request: Extract<ToHostRequest, { type: 'candidate/details' }>; onValue: (value: CandidateDetailsValue) => void }
  | { request: Extract<ToHostRequest, { type: 'step/details' }>; onValue: (value: StepDetailsValue) => void };

/**
 * Sends requests with a fresh `requestId`: actions report their answer in the panel's status line;
 * fetches hand their value to a callback (and report only a failure).
 */
export class Requests {
  readonly root = el('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  private nextId = 1;
  /** Fetches are numbered apart from actions, so each kind of answer finds its own request. */
  private nextFetchId = 2 ** 31;
  private readonly pending = new Map<number, RequestLabels>();
  private readonly fetches = new Map<number, (value: RequestValue | undefined) => void>();

  constructor(private readonly host: HostChannel) {}

  send(request: ToHostRequest, labels: RequestLabels): void {
    const requestId = this.nextId++;
    this.pending.set(requestId, labels);
    this.say('info', labels.pending);
    // The spread keeps the request's own discriminant; only the id is added.
    this.host.post({ ...request, requestId } as ToHost);
  }

  /** Asks the host for data; `onValue` gets it when the answer carries the value asked for. */
  fetch(fetch: Fetch): void {
    const requestId = this.nextFetchId++;
    const kind = fetch.request.type === 'candidate/details' ? 'candidateDetails' : 'stepDetails';
    this.fetches.set(requestId, (value) => {
      if (value?.kind === kind) {
        (fetch.onValue as (v: RequestValue) => void)(value);
      }
    });
    this.host.post({ ...fetch.request, requestId } as ToHost);
  }

  resolve(message: RequestResultMessage): void {
    const fetched = this.fetches.get(message.requestId);
    if (fetched !== undefined) {
      this.fetches.delete(message.requestId);
      if (message.ok) {
        fetched(message.value);
      } else {
        this.say('error', message.error);
      }
      return;
    }
    const labels = this.pending.get(message.requestId);
    this.pending.delete(message.requestId);
    if (message.ok) {
      this.say('info', labels?.done ?? '');
    } else {
      this.say('error', message.error);
    }
  }

  /** Another run is shown: what was said about the previous one ("Inserted into the code.") no longer applies. */
  reset(): void {
    this.pending.clear();
    this.fetches.clear();
    this.say('info', '');
  }

  notice(message: NoticeShowMessage): void {
    this.say(message.level, message.message);
  }

  private say(level: 'info' | 'error', text: string): void {
    this.root.classList.toggle('error', level === 'error');
    setText(this.root, text);
  }
}

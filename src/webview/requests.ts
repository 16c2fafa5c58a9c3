import { el, setText } from './dom';
import type { NoticeShowMessage, RequestResultMessage, ToHost, ToHostRequest } from './protocol';
import type { HostChannel } from './vscodeApi';

export interface RequestLabels {
  /** Shown while the host works ('' shows nothing). */
  pending: string;
  /** Shown when the host answers ok ('' shows nothing). */
  done: string;
}

/** Sends requests with a fresh `requestId` and reports each answer in the panel's status line. */
export class Requests {
  readonly root = el('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  private nextId = 1;
  private readonly pending = new Map<number, RequestLabels>();

  constructor(private readonly host: HostChannel) {}

  send(request: ToHostRequest, labels: RequestLabels): void {
    const requestId = this.nextId++;
    this.pending.set(requestId, labels);
    this.say('info', labels.pending);
    // The spread keeps the request's own discriminant; only the id is added.
    this.host.post({ ...request, requestId } as ToHost);
  }

  resolve(message: RequestResultMessage): void {
    const labels = this.pending.get(message.requestId);
    this.pending.delete(message.requestId);
    if (message.ok) {
      this.say('info', labels?.done ?? '');
    } else {
      this.say('error', message.error);
    }
  }

  notice(message: NoticeShowMessage): void {
    this.say(message.level, message.message);
  }

  private say(level: 'info' | 'error', text: string): void {
    this.root.classList.toggle('error', level === 'error');
    setText(this.root, text);
  }
}

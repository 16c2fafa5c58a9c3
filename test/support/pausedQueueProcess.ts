// Run as a child process by requestQueue.test.ts: the first task gets a 429 on its last attempt
// (it records the pause and gives up), while a second task waits in the paused queue. Nothing
// else keeps the event loop busy, so the queue's own timer is all that stands between the second
// task and a silent exit.
import { RequestQueue } from '../../src/core/llm/requestQueue';

const queue = new RequestQueue({ concurrency: 1 });
void queue.run(async (ticket) => {
  queue.recordRateLimit(ticket, 300);
  process.stdout.write('first: 429 on its last attempt\n');
});
void queue.run(async () => {
  process.stdout.write('second: ran after the pause\n');
});

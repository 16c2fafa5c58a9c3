import { runCli } from './main';
import { guardAgainstStall } from './stallGuard';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) {
    process.exit(130);
  }
  process.stderr.write('\nstopping: saving what finished (Ctrl-C again to quit at once)\n');
  controller.abort();
});
// A client stopping `opro mcp` (or a CI runner ending a job) sends SIGTERM: save what finished, as for Ctrl-C.
process.on('SIGTERM', () => controller.abort());

let runFile: string | undefined;
const work = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL },
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
  io: { stdin: process.stdin, stdout: process.stdout },
  onRunFile: (file) => {
    runFile = file;
  },
}).then((code) => {
  process.exitCode = code;
});
guardAgainstStall(work, { process, stderr: process.stderr, runFile: () => runFile });

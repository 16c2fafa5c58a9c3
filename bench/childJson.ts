import { execFile } from 'node:child_process';

/** Runs a TypeScript file under tsx in a child process and parses the last line it prints as JSON. */
export function runTsChild<T>(file: string, args: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', file, ...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err !== null) {
        reject(new Error(`${file} failed: ${err.message}${stderr === '' ? '' : `\n${stderr.slice(-2000)}`}`));
        return;
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${file} printed no JSON line: ${last.slice(0, 200)}`));
      }
    });
  });
}

// extensionTestsPath entry: VS Code calls run() inside the extension host once the extension under
// development is loaded. Runs every bundled *.test.js beside this file with mocha.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', forbidOnly: true });
  if (process.env.OPRO_TEST_GREP) {
    mocha.grep(process.env.OPRO_TEST_GREP);
  }
  const suite = join(__dirname, 'suite');
  const files = readdirSync(suite).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) {
    throw new Error(`No tests found in ${suite}.`);
  }
  files.forEach((file) => mocha.addFile(join(suite, file)));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} VS Code test(s) failed.`);
  }
}

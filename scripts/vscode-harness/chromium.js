// Debian's Chromium, as provisioned by provision.sh, with the flags it needs to run headless here.
const fs = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser binary: $CHROMIUM, else the first installed candidate. */
function chromiumPath() {
  const found = process.env.CHROMIUM ?? CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(`No Chromium found (looked at ${CANDIDATES.join(', ')}); run scripts/vscode-harness/provision.sh or set CHROMIUM.`);
  }
  return found;
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

module.exports = { chromiumPath, CHROMIUM_ARGS };

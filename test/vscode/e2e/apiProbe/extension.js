// Test-only extension for the e2e run (installed beside OPRO in a plain code-server, so both run in
// ExtensionMode.Production): asks for OPRO's API as any other extension could, and writes what it got
// to $OPRO_API_PROBE_OUT for the e2e test to check.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS extension that VS Code loads without a build step */
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');

function describe(value) {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'object' ? Object.keys(value).sort() : typeof value;
}

exports.activate = async (context) => {
  const out = process.env.OPRO_API_PROBE_OUT;
  const opro = vscode.extensions.getExtension('opro-dev.opro-prompt-optimizer');
  const exported = opro === undefined ? 'not installed' : describe(await opro.activate());
  if (out) {
    writeFileSync(out, JSON.stringify({ probeMode: context.extensionMode, exported }));
  }
};

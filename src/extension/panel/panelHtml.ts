import { randomBytes } from 'node:crypto';

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin the panel's files are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  /** Loaded in order (uPlot's bundled CSS, then the panel's). */
  styleUris: readonly string[];
}

/** A fresh nonce per page load; only the script tag carrying it may run. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Content-Security-Policy of the panel: nothing by default, stylesheets from the extension, one nonce'd script. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** The panel's page. It holds no data: the run arrives by message and is rendered as text. */
export function buildPanelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUris } = options;
  const styles = styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(panelCsp(cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>OPRO run</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
  </body>
</html>`;
}

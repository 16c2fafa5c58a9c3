// Entry of the panel bundle (dist/webview/panel.js, a browser IIFE). uPlot's stylesheet is bundled
// to dist/webview/panel.css and loaded by a <link>, since the CSP allows no inline styles.
import 'uplot/dist/uPlot.min.css';
import { PanelApp } from './app';
import { connectHost } from './vscodeApi';

function start(): void {
  const root = document.getElementById('app');
  if (root === null) {
    return;
  }
  const host = connectHost();
  const app = new PanelApp(host, root);
  window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));
  host.post({ type: 'panel/ready' });
}

start();

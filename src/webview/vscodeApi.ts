import { parsePanelState, type PanelState, type ToHost } from './protocol';

/** What VS Code injects into a webview; it may be acquired once per page. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The panel's only way out: typed posts to the host and its own saved view state. */
export interface HostChannel {
  post(message: ToHost): void;
  loadState(): PanelState;
  saveState(state: PanelState): void;
}

export function connectHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    loadState: () => parsePanelState(api.getState()),
    saveState: (state) => api.setState(state),
  };
}

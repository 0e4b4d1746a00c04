// The handle VS Code gives a webview, typed with the panel's own messages and stored state.
import type { PersistedState, WebviewMessage } from '../webviews/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called only once per page load. */
export const vscode: VsCodeApi = acquireVsCodeApi();

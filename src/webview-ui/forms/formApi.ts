// The handle VS Code gives the form's page, typed with its own messages and stored state.
import type { CreateEndpointPersisted, CreateEndpointWebviewMessage } from '../../webviews/forms/createEndpointProtocol';

interface FormVsCodeApi {
  postMessage(message: CreateEndpointWebviewMessage): void;
  getState(): unknown;
  setState(state: CreateEndpointPersisted): void;
}

declare function acquireVsCodeApi(): FormVsCodeApi;

/** acquireVsCodeApi may be called only once per page load. */
export const vscode: FormVsCodeApi = acquireVsCodeApi();

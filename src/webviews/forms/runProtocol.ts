// The messages every form that runs a provisioning plan shares (create endpoint, create registry),
// for the extension and the forms' browser bundles. No `vscode` import. Each form's protocol adds
// only its own messages. Everything the webview sends is untrusted until a parser accepts it.
import type { StepStatus } from '../../provisioning/steps';
import { isSubscriptionId, only } from './messageChecks';

export interface StepView {
  title: string;
  status: StepStatus;
  message?: string;
}

export interface RunView {
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  steps: StepView[];
  /** What exists now because of this run, as a person reads it. */
  created: string[];
  /** Set once a clean-up ran: one line per resource. */
  cleanUp?: string[];
  /** The new endpoint's name, once created. */
  privateEndpointName?: string;
}

// ---- extension → webview
export type RunExtensionMessage<Inventory, Form, Run extends RunView = RunView> =
  | { type: 'inventory'; inventory: Inventory; form: Form }
  | { type: 'loading'; label: string }
  | { type: 'run'; run: Run }
  | { type: 'error'; message: string };

// ---- webview → extension
export type RunWebviewMessage<Form> =
  | { type: 'ready' }
  | { type: 'changeSubscription'; subscriptionId: string }
  | { type: 'submit'; form: Form }
  | { type: 'showCli'; form: Form }
  | { type: 'cancel' }
  | { type: 'cleanUp' }
  | { type: 'newForm' };

/**
 * The shared messages, read strictly (`parseForm` reads the form a submit or showCli holds); undefined
 * for anything else, which the form's own parser may know.
 */
export function parseRunMessage<Form>(data: Record<string, unknown>, parseForm: (form: unknown) => Form | undefined): RunWebviewMessage<Form> | undefined {
  switch (data.type) {
    case 'ready':
    case 'cancel':
    case 'cleanUp':
    case 'newForm':
      return only(data, []) ? { type: data.type } : undefined;
    case 'changeSubscription':
      return only(data, ['subscriptionId']) && isSubscriptionId(data.subscriptionId) ? { type: 'changeSubscription', subscriptionId: data.subscriptionId } : undefined;
    case 'submit':
    case 'showCli': {
      const form = only(data, ['form']) ? parseForm(data.form) : undefined;
      return form ? { type: data.type, form } : undefined;
    }
    default:
      return undefined;
  }
}

// The create-endpoint form's messages, shared by the extension and the form's browser bundle. No
// `vscode` import. Everything the webview sends is untrusted until a parser below accepts it, and
// the form inside a message is validated again against the inventory the extension read itself.
import { parseCreateEndpointForm, type CreateEndpointForm, type CreateEndpointInventory } from '../../provisioning/createEndpointForm';
import type { StepStatus } from '../../provisioning/steps';

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
export type CreateEndpointExtensionMessage =
  | { type: 'inventory'; inventory: CreateEndpointInventory; form: CreateEndpointForm }
  | { type: 'loading'; label: string }
  | { type: 'run'; run: RunView }
  | { type: 'error'; message: string };

// ---- webview → extension
export type CreateEndpointWebviewMessage =
  | { type: 'ready' }
  | { type: 'changeSubscription'; subscriptionId: string }
  | { type: 'submit'; form: CreateEndpointForm }
  | { type: 'showCli'; form: CreateEndpointForm }
  | { type: 'cancel' }
  | { type: 'cleanUp' }
  | { type: 'newForm' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (m: Record<string, unknown>, keys: string[]): boolean => Object.keys(m).every((k) => k === 'type' || keys.includes(k));

export function parseCreateEndpointMessage(data: unknown): CreateEndpointWebviewMessage | undefined {
  if (!isRecord(data) || typeof data.type !== 'string') return undefined;
  switch (data.type) {
    case 'ready':
    case 'cancel':
    case 'cleanUp':
    case 'newForm':
      return only(data, []) ? { type: data.type } : undefined;
    case 'changeSubscription':
      return only(data, ['subscriptionId']) && typeof data.subscriptionId === 'string' && /^[0-9a-fA-F-]{1,64}$/.test(data.subscriptionId)
        ? { type: 'changeSubscription', subscriptionId: data.subscriptionId }
        : undefined;
    case 'submit':
    case 'showCli': {
      const form = only(data, ['form']) ? parseCreateEndpointForm(data.form) : undefined;
      return form ? { type: data.type, form } : undefined;
    }
    default:
      return undefined;
  }
}

/** What the page keeps with setState and the serializer reads back after a reload. */
export interface CreateEndpointPersisted {
  registryId: string;
  subscriptionId: string;
  /** The form as typed so far. */
  draft?: CreateEndpointForm;
}

export function parseCreateEndpointPersisted(data: unknown): CreateEndpointPersisted | undefined {
  if (!isRecord(data)) return undefined;
  const { registryId, subscriptionId, draft } = data;
  if (typeof registryId !== 'string' || !registryId.startsWith('/subscriptions/') || registryId.length > 2048) return undefined;
  if (typeof subscriptionId !== 'string' || !/^[0-9a-fA-F-]{1,64}$/.test(subscriptionId)) return undefined;
  const form = parseCreateEndpointForm(draft);
  return { registryId, subscriptionId, ...(form ? { draft: form } : {}) };
}

export const createEndpointStateElementId = 'acr-private-link-create-endpoint-state';

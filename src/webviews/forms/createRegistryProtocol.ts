// The create-registry form's messages, shared by the extension and the form's browser bundle. No
// `vscode` import. Everything the webview sends is untrusted until a parser below accepts it; the form
// in a message is validated again against the inventory the extension read and a name check it made.
import { parseCreateRegistryForm, type CreateRegistryForm, type CreateRegistryInventory, type RegistryNameCheck } from '../../provisioning/createRegistryForm';
import type { RunView } from './createEndpointProtocol';

/** The check of the new registry after the run: what the tree's badge and the status panel would say. */
export interface RegistryCheckView {
  verdict: 'healthy' | 'problems' | 'unknown';
  /** One sentence. */
  summary: string;
  /** One line per error or warning finding, or per verdict that could not be checked. */
  lines: string[];
}

export interface RegistryRunView extends RunView {
  registryName?: string;
  check?: RegistryCheckView;
}

// ---- extension → webview
export type CreateRegistryExtensionMessage =
  | { type: 'inventory'; inventory: CreateRegistryInventory; form: CreateRegistryForm }
  | { type: 'loading'; label: string }
  | { type: 'nameCheck'; check: RegistryNameCheck }
  | { type: 'run'; run: RegistryRunView }
  | { type: 'error'; message: string };

// ---- webview → extension
export type CreateRegistryWebviewMessage =
  | { type: 'ready' }
  | { type: 'changeSubscription'; subscriptionId: string }
  | { type: 'checkName'; name: string }
  | { type: 'submit'; form: CreateRegistryForm }
  | { type: 'showCli'; form: CreateRegistryForm }
  | { type: 'cancel' }
  | { type: 'cleanUp' }
  | { type: 'newForm' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (m: Record<string, unknown>, keys: string[]): boolean => Object.keys(m).every((k) => k === 'type' || keys.includes(k));
const subscriptionIdPattern = /^[0-9a-fA-F-]{1,64}$/;

export function parseCreateRegistryMessage(data: unknown): CreateRegistryWebviewMessage | undefined {
  if (!isRecord(data) || typeof data.type !== 'string') return undefined;
  switch (data.type) {
    case 'ready':
    case 'cancel':
    case 'cleanUp':
    case 'newForm':
      return only(data, []) ? { type: data.type } : undefined;
    case 'changeSubscription':
      return only(data, ['subscriptionId']) && typeof data.subscriptionId === 'string' && subscriptionIdPattern.test(data.subscriptionId)
        ? { type: 'changeSubscription', subscriptionId: data.subscriptionId }
        : undefined;
    case 'checkName':
      // Azure's limit is 50; anything much longer is not a name to send.
      return only(data, ['name']) && typeof data.name === 'string' && data.name.length <= 64 ? { type: 'checkName', name: data.name } : undefined;
    case 'submit':
    case 'showCli': {
      const form = only(data, ['form']) ? parseCreateRegistryForm(data.form) : undefined;
      return form ? { type: data.type, form } : undefined;
    }
    default:
      return undefined;
  }
}

/** What the page keeps with setState and the serializer reads back after a reload. */
export interface CreateRegistryPersisted {
  subscriptionId: string;
  draft?: CreateRegistryForm;
}

export function parseCreateRegistryPersisted(data: unknown): CreateRegistryPersisted | undefined {
  if (!isRecord(data)) return undefined;
  const { subscriptionId, draft } = data;
  if (typeof subscriptionId !== 'string' || !subscriptionIdPattern.test(subscriptionId)) return undefined;
  const form = parseCreateRegistryForm(draft);
  return { subscriptionId, ...(form ? { draft: form } : {}) };
}

export const createRegistryStateElementId = 'acr-private-link-create-registry-state';

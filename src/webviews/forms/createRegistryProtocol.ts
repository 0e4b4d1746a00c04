// The create-registry form's messages, shared by the extension and the form's browser bundle. No
// `vscode` import. Everything the webview sends is untrusted until a parser below accepts it; the form
// in a message is validated again against the inventory the extension read and a name check it made.
import { parseCreateRegistryForm, type CreateRegistryForm, type CreateRegistryInventory, type RegistryNameCheck } from '../../provisioning/createRegistryForm';
import { isRecord, isSubscriptionId, only } from './messageChecks';
import { parseRunMessage, type RunExtensionMessage, type RunView, type RunWebviewMessage } from './runProtocol';

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
export type NameCheckMessage = { type: 'nameCheck'; check: RegistryNameCheck };
export type CreateRegistryExtensionMessage = RunExtensionMessage<CreateRegistryInventory, CreateRegistryForm, RegistryRunView> | NameCheckMessage;

// ---- webview → extension
export type CreateRegistryWebviewMessage = RunWebviewMessage<CreateRegistryForm> | { type: 'checkName'; name: string };

export function parseCreateRegistryMessage(data: unknown): CreateRegistryWebviewMessage | undefined {
  if (!isRecord(data)) return undefined;
  // Azure's limit is 50; anything much longer is not a name to send.
  if (data.type === 'checkName') return only(data, ['name']) && typeof data.name === 'string' && data.name.length <= 64 ? { type: 'checkName', name: data.name } : undefined;
  return parseRunMessage(data, parseCreateRegistryForm);
}

/** What the page keeps with setState and the serializer reads back after a reload. */
export interface CreateRegistryPersisted {
  subscriptionId: string;
  draft?: CreateRegistryForm;
}

export function parseCreateRegistryPersisted(data: unknown): CreateRegistryPersisted | undefined {
  if (!isRecord(data)) return undefined;
  const { subscriptionId, draft } = data;
  if (!isSubscriptionId(subscriptionId)) return undefined;
  const form = parseCreateRegistryForm(draft);
  return { subscriptionId, ...(form ? { draft: form } : {}) };
}

export const createRegistryStateElementId = 'acr-private-link-create-registry-state';

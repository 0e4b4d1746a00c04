// The create-endpoint form's messages, shared by the extension and the form's browser bundle. No
// `vscode` import. Everything the webview sends is untrusted until a parser below accepts it, and
// the form inside a message is validated again against the inventory the extension read itself.
import { parseCreateEndpointForm, type CreateEndpointForm, type CreateEndpointInventory } from '../../provisioning/createEndpointForm';
import { isRecord, isSubscriptionId } from './messageChecks';
import { parseRunMessage, type RunExtensionMessage, type RunWebviewMessage } from './runProtocol';

export type CreateEndpointExtensionMessage = RunExtensionMessage<CreateEndpointInventory, CreateEndpointForm>;
export type CreateEndpointWebviewMessage = RunWebviewMessage<CreateEndpointForm>;

export function parseCreateEndpointMessage(data: unknown): CreateEndpointWebviewMessage | undefined {
  return isRecord(data) ? parseRunMessage(data, parseCreateEndpointForm) : undefined;
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
  if (!isSubscriptionId(subscriptionId)) return undefined;
  const form = parseCreateEndpointForm(draft);
  return { registryId, subscriptionId, ...(form ? { draft: form } : {}) };
}

export const createEndpointStateElementId = 'acr-private-link-create-endpoint-state';

// dist/panels.js: the webview panels (status, create endpoint, DNS records) and the commands that open
// them or act on endpoints, records and network access. Activation does not load it: commands/index.ts
// and panelSerializers.ts require it on first use (src/session/lazyBundles.ts). It has no tree-node
// classes of its own (it tells nodes apart with tree/nodes/kinds.ts) and takes the diagnosis engine
// from dist/diagnosis.js; esbuild.js checks both.
import type * as vscode from 'vscode';
import type { Services } from '../services';
import type { CommandHandler } from './commandTable';
import type { PanelViewType } from './panelViewTypes';
import { openStatus } from './statusCommands';
import { createRegistryWithPrivateEndpoint } from './createRegistryCommand';
import { addReplicaRecords, createDnsRecords, createPrivateEndpoint, deleteConnection, deletePrivateEndpoint, setPublicNetworkAccess } from './formCommands';
import { StatusPanel, statusViewType } from '../webviews/statusPanel';
import { parsePersistedState } from '../webviews/protocol';
import { CreateEndpointPanel, createEndpointViewType } from '../webviews/forms/createEndpointPanel';
import { CreateRegistryPanel, createRegistryViewType } from '../webviews/forms/createRegistryPanel';
import { DnsRecordsPanel, dnsRecordsViewType } from '../webviews/forms/dnsRecordsPanel';

export type PanelCommand = 'openStatus' | 'createPrivateEndpoint' | 'createRegistryWithPrivateEndpoint' | 'deletePrivateEndpoint' | 'deleteConnection' | 'setPublicNetworkAccess' | 'createDnsRecords' | 'addReplicaRecords';

export const commands: Record<PanelCommand, CommandHandler> = {
  openStatus,
  createPrivateEndpoint,
  createRegistryWithPrivateEndpoint,
  deletePrivateEndpoint,
  deleteConnection,
  setPublicNetworkAccess,
  createDnsRecords,
  addReplicaRecords,
};

type Reviver = (services: Services, panel: vscode.WebviewPanel, state: unknown) => void;

// A panel whose state does not say what it showed is closed: an empty panel would only confuse.
const revivers: Record<PanelViewType, Reviver> = {
  [statusViewType]: (services, panel, state) => {
    const target = parsePersistedState(state);
    if (target) StatusPanel.revive(services, panel, target);
    else panel.dispose();
  },
  [createEndpointViewType]: (services, panel, state) => CreateEndpointPanel.panels.revive(services, panel, state),
  [createRegistryViewType]: (services, panel, state) => CreateRegistryPanel.panels.revive(services, panel, state),
  [dnsRecordsViewType]: (services, panel, state) => DnsRecordsPanel.panels.revive(services, panel, state),
};

/** Revives a panel after a reload, with its draft (forms) or its last report (status). */
export function revivePanel(services: Services, viewType: PanelViewType, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  revivers[viewType](services, panel, state);
  return Promise.resolve();
}

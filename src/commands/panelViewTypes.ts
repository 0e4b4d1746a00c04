// The webview panels' view types (package.json's onWebviewPanel activation events name the same).
// Activation registers a serializer for each without loading dist/panels.js; a revived panel loads it.
export const panelViewTypes = ['acrPrivateLink.status', 'acrPrivateLink.createEndpoint', 'acrPrivateLink.createRegistry', 'acrPrivateLink.dnsRecords'] as const;

export type PanelViewType = (typeof panelViewTypes)[number];

// The commands that open the forms, and the clean-up actions: deleting an endpoint or a connection,
// and turning public network access on or off. Every confirmation names what stops working; after a
// deletion the leftovers the seed document warns about (IPs nothing serves, a VNet link that makes
// "unresolvable host") are offered for removal, never an IP or link another endpoint needs, and the
// records Azure deleted with the zone group are offered to be written again.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { parseResourceId, resourceName, sameId } from '../model/armId';
import { describeWrite, type FixPlan } from '../model/fixPlan';
import type { PrivateEndpointNode } from '../tree/nodes/privateEndpointNodes';
import type { RegistryEntry } from '../state/registryStore';
import { isPrivateDnsZoneNode, isPrivateEndpointNode, isPrivateEndpointsGroupNode, isRegistryNode } from '../tree/nodes/kinds';
import { dnsRecordWrites, hostsLines, zoneFileSnippet, type DnsRecordRow } from '../provisioning/dnsRecords';
import { applyRows, firstProblem, recordTargets, type RecordTarget } from '../webviews/forms/dnsRecordTargets';
import { DnsRecordsPanel } from '../webviews/forms/dnsRecordsPanel';
import { registryZoneName } from '../provisioning/namingRules';
import { findRegistry } from '../webviews/registryLookup';
import { pickRegistry } from './pickRegistry';
import { CreateEndpointPanel } from '../webviews/forms/createEndpointPanel';
import { cleanUpAfterDeletion, describeEndpointDeletion, endpointDeletion, type EndpointDeletion } from '../diagnosis/index';
import { registrySnapshot } from '../azure/registrySnapshot';
import { clause } from '../common/sentence';

/**
 * `acrPrivateLink.createPrivateEndpoint`: on a registry node, the form pre-filled for it; with a
 * registry id (from code) that one; from the palette, a registry picked first. An optional second
 * argument names the endpoint's subscription (cross-subscription setups).
 */
export async function createPrivateEndpoint(services: Services, node?: unknown, subscriptionId?: unknown): Promise<CreateEndpointPanel | undefined> {
  let registryId: string | undefined;
  if (isRegistryNode(node)) registryId = node.registryId;
  else if (isPrivateEndpointsGroupNode(node)) registryId = node.parent.registryId;
  else if (typeof node === 'string') registryId = (await findRegistry(services, node))?.registryId ?? (node.startsWith('/subscriptions/') ? node : undefined);
  else registryId = (await pickRegistry(services, vscode.l10n.t('Create a private endpoint for which registry?')))?.registryId;
  if (!registryId) return undefined;
  const subscription = typeof subscriptionId === 'string' && subscriptionId !== '' ? subscriptionId : parseResourceId(registryId).subscriptionId;
  return CreateEndpointPanel.panels.createOrShow(services, { registryId, subscriptionId: subscription });
}

interface ActionOptions {
  /** Called from code (tests, panels): the person already confirmed. */
  confirmed?: boolean;
  /** Also remove the leftovers without asking. */
  removeLeftovers?: boolean;
  /** Return the confirmation's lines (title first) and change nothing. */
  preview?: boolean;
}

/**
 * The options a caller in code passes, read strictly: a menu passes the clicked node (and, with
 * several rows selected, an array), never `{ confirmed: true }`, so a person is always asked.
 */
function actionOptions(value: unknown): ActionOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const v = value as Record<string, unknown>;
  return { confirmed: v['confirmed'] === true, removeLeftovers: v['removeLeftovers'] === true, preview: v['preview'] === true };
}

/**
 * Reads the registry again after a write, whatever its outcome, so the tree and an open status panel
 * show what Azure holds. A read that fails here is the store's to report (the tree and the panel say
 * so); it never replaces the write's own error.
 */
async function rereadAfterWrite(services: Services, registryId: string): Promise<void> {
  await services.store.reread(registryId).catch((e: unknown) => services.log.warn(vscode.l10n.t('Could not read {0} again after the write: {1}', resourceName(registryId), e instanceof Error ? e.message : String(e))));
}

function endpointOf(node: unknown): PrivateEndpointNode {
  if (isPrivateEndpointNode(node)) return node;
  throw new Error(vscode.l10n.t('Choose a private endpoint in the ACR Private Link view.'));
}

/** What deleting the endpoint does, from a complete read of its registry (zone groups included). */
async function deletionOf(services: Services, registryId: string, endpointId: string): Promise<EndpointDeletion | undefined> {
  const entry = await services.store.read(registryId, { complete: true });
  if (!entry.details) return undefined;
  return endpointDeletion(registrySnapshot(entry.subscription, entry.registry, entry.details), entry.registryId, endpointId);
}

export async function deletePrivateEndpoint(services: Services, node?: unknown, options?: unknown): Promise<string[] | undefined> {
  const target = endpointOf(node);
  const opts = actionOptions(options);
  const privateEndpoint = target.privateEndpoint;
  const endpointId = privateEndpoint?.id ?? target.connection.privateEndpointId;
  if (!endpointId || !privateEndpoint) throw new Error(vscode.l10n.t('This endpoint is in a subscription or tenant you cannot read; delete the connection instead.'));
  const name = resourceName(endpointId);
  const registryName = target.registryNode.registry.name;
  const deletion = await deletionOf(services, target.registryNode.registryId, endpointId);
  const title = vscode.l10n.t('Delete private endpoint {0}?', name);
  const detail = (deletion ? describeEndpointDeletion(deletion, registryName) : [vscode.l10n.t('Its network interface and the A records its DNS zone group wrote are deleted with it.')]).join('\n');
  if (opts.preview) return [title, ...detail.split('\n')];
  if (!opts.confirmed) {
    const del = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(title, { modal: true, detail }, del);
    if (choice !== del) return undefined;
  }
  const api = services.session.getServices().provisioning;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting {0}…', name) }, () => api.deletePrivateEndpoint(endpointId));
  } catch (e) {
    // Azure may have deleted it (or part of it, its zone group's records) before the operation failed: show what it holds.
    await rereadAfterWrite(services, target.registryNode.registryId);
    throw new Error(vscode.l10n.t('Deleting {0} failed: {1}. The view now shows what Azure holds; if the endpoint is still there, delete it again (its zone group may already have deleted its A records).', name, clause(e instanceof Error ? e.message : String(e))), { cause: e });
  }
  return removeLeftovers(services, target.registryNode.registryId, privateEndpoint.virtualNetworkId, deletion, opts);
}

/**
 * What the deletion left behind, from a fresh check: the deleted endpoint's IPs that nothing else
 * serves, the records Azure deleted with its zone group that remaining endpoints need, and links
 * only when no endpoint at all remains in the VNet.
 */
async function removeLeftovers(services: Services, registryId: string, virtualNetworkId: string, deletion: EndpointDeletion | undefined, opts: ActionOptions): Promise<string[]> {
  // The deletion changed the registry's connections: read it again, once, for everyone.
  const entry = await services.store.reread(registryId);
  const findings = entry.diagnosis?.findings ?? [];
  const plans: FixPlan[] = deletion ? cleanUpAfterDeletion(findings, deletion) : [];
  const api = services.session.getServices().provisioning;
  const details = entry.details!;
  const remaining = await api.privateEndpointsInVirtualNetwork(virtualNetworkId);
  const links = remaining.length === 0 ? details.virtualNetworkLinks.filter((l) => sameId(l.virtualNetworkId, virtualNetworkId)) : [];
  const lines = [...plans.flatMap((p) => p.writes.map(describeWrite)), ...links.map((l) => vscode.l10n.t('Delete virtual network link {0} ({1} has no private endpoint left)', l.name, resourceName(virtualNetworkId)))];
  if (lines.length === 0) return [];
  if (!opts.removeLeftovers) {
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('The endpoint is deleted. Clean up after it? Records pointing at its IPs, and a link with nothing behind it, cause "unresolvable host" errors; records Azure deleted with its zone group leave the other endpoints without an answer.'),
      { modal: true, detail: lines.join('\n') },
      vscode.l10n.t('Clean Up'),
    );
    if (choice !== vscode.l10n.t('Clean Up')) return [];
  }
  const done: string[] = [];
  const problems: string[] = [];
  const azure = services.session.getServices();
  for (const plan of plans) {
    const outcomes = await azure.applyFixPlan(plan);
    done.push(...outcomes.filter((o) => o.status === 'applied').map((o) => describeWrite(o.write)));
    problems.push(...outcomes.flatMap((o) => (o.status === 'applied' ? [] : [`${describeWrite(o.write)}: ${o.message}`])));
  }
  for (const link of links) {
    try {
      await api.deleteVirtualNetworkLink(link.id, link.etag);
      done.push(vscode.l10n.t('Deleted virtual network link {0}', link.name));
    } catch (e) {
      // What was done before stays said: a half-done clean-up is reported, never hidden behind its last error.
      problems.push(`${vscode.l10n.t('Delete virtual network link {0} ({1} has no private endpoint left)', link.name, resourceName(virtualNetworkId))}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  await rereadAfterWrite(services, registryId);
  if (problems.length > 0) void services.notify('warning', vscode.l10n.t('Clean-up after the deletion: {0} done; not done: {1}', done.length, problems.join('; ')));
  else void services.notify('information', vscode.l10n.t('Cleaned up after the deletion: {0}.', done.join('; ')));
  return done;
}

export async function deleteConnection(services: Services, node?: unknown, options?: unknown): Promise<void> {
  const target = endpointOf(node);
  const opts = actionOptions(options);
  const registryName = target.registryNode.registry.name;
  const name = target.connection.privateEndpointId ? resourceName(target.connection.privateEndpointId) : target.connection.name;
  if (!opts.confirmed) {
    const del = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the connection of {0} to {1}?', name, registryName),
      { modal: true, detail: vscode.l10n.t('The endpoint stays but carries no traffic to {0}; its owner must create a new connection (the state becomes Disconnected).', registryName) },
      del,
    );
    if (choice !== del) return;
  }
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting the connection of {0}…', name) }, () =>
      services.session.getServices().provisioning.deleteConnection(target.connection.id),
    );
  } finally {
    // Done, failed or cut off: Azure may hold the change either way; show what it holds.
    await rereadAfterWrite(services, target.registryNode.registryId);
  }
}

type Access = 'Enabled' | 'Disabled';
type Bypass = 'AzureServices' | 'None';

/** From code: the values to set; `confirmed` skips the warning before public access is turned off. */
interface PublicAccessOptions {
  publicNetworkAccess?: Access;
  networkRuleBypassOptions?: Bypass;
  confirmed: boolean;
}

function publicAccessOptions(value: unknown): PublicAccessOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { confirmed: false };
  const v = value as Record<string, unknown>;
  const access = v['publicNetworkAccess'];
  const bypass = v['networkRuleBypassOptions'];
  return {
    ...(access === 'Enabled' || access === 'Disabled' ? { publicNetworkAccess: access } : {}),
    ...(bypass === 'AzureServices' || bypass === 'None' ? { networkRuleBypassOptions: bypass } : {}),
    confirmed: v['confirmed'] === true,
  };
}

/**
 * `acrPrivateLink.setPublicNetworkAccess` on a registry (from the palette or the walkthrough, a
 * registry picked first): pick access and the trusted-services bypass, then confirm what stops
 * working. From code, `{ publicNetworkAccess, networkRuleBypassOptions, confirmed: true }` skips the
 * questions.
 */
export async function setPublicNetworkAccess(services: Services, node?: unknown, options?: unknown): Promise<Access | undefined> {
  if (node === undefined) node = (await pickRegistry(services, vscode.l10n.t('Set public network access of which registry?')))?.registryId;
  if (node === undefined) return undefined;
  const registryId = isRegistryNode(node) ? node.registryId : typeof node === 'string' ? (await findRegistry(services, node))?.registryId : undefined;
  if (!registryId) throw new Error(vscode.l10n.t('Choose a registry in the ACR Private Link view.'));
  // Public access as last read: the store's (a read in flight is waited for).
  const r = (await services.store.read(registryId)).registry;
  const opts = publicAccessOptions(options);
  let publicNetworkAccess = opts.publicNetworkAccess;
  let networkRuleBypassOptions = opts.networkRuleBypassOptions;
  if (!publicNetworkAccess) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Disabled'), description: r.publicNetworkAccess === 'Disabled' ? vscode.l10n.t('current') : '', detail: vscode.l10n.t('Only clients reaching a private endpoint can use the registry. ACR Tasks and az acr build stop working; Azure DevOps hosted agents cannot reach it.'), value: 'Disabled' as Access },
        { label: vscode.l10n.t('Enabled'), description: r.publicNetworkAccess === 'Enabled' ? vscode.l10n.t('current') : '', detail: vscode.l10n.t('Clients on the internet can reach the registry again (subject to its network rules).'), value: 'Enabled' as Access },
      ],
      { title: vscode.l10n.t('Public network access of {0}', r.name), placeHolder: vscode.l10n.t('Now: {0}', r.publicNetworkAccess ?? vscode.l10n.t('unknown')) },
    );
    if (!picked) return undefined;
    publicNetworkAccess = picked.value;
  }
  // Code that names only the access keeps the current bypass; a person is asked for both.
  if (!networkRuleBypassOptions && !opts.publicNetworkAccess) {
    const trusted = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Allow trusted Azure services'), description: r.networkRuleBypassOptions === 'AzureServices' ? vscode.l10n.t('current') : '', detail: vscode.l10n.t('networkRuleBypassOptions AzureServices: Microsoft Defender for Cloud and other trusted services keep access.'), value: 'AzureServices' as Bypass },
        { label: vscode.l10n.t('Do not allow trusted services'), description: r.networkRuleBypassOptions === 'None' ? vscode.l10n.t('current') : '', detail: vscode.l10n.t('networkRuleBypassOptions None: trusted services are blocked too.'), value: 'None' as Bypass },
      ],
      { title: vscode.l10n.t('Network rule bypass of {0}', r.name), placeHolder: vscode.l10n.t('Now: {0}', r.networkRuleBypassOptions ?? vscode.l10n.t('unknown')) },
    );
    if (!trusted) return undefined;
    networkRuleBypassOptions = trusted.value;
  }
  if (publicNetworkAccess === 'Disabled' && !opts.confirmed) {
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Disable public network access to {0}?', r.name),
      {
        modal: true,
        detail: vscode.l10n.t('az acr build and ACR Tasks stop working (they need public access unless you use a dedicated agent pool). Clients outside the virtual networks with a private endpoint can no longer push or pull, and the portal cannot list repositories from outside.{0}', networkRuleBypassOptions === 'None' ? vscode.l10n.t(' Trusted Azure services are blocked too (bypass: None).') : ''),
      },
      'Disable',
    );
    if (choice !== 'Disable') return undefined;
  }
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Setting public network access of {0} to {1}…', r.name, publicNetworkAccess) }, () =>
      services.session.getServices().setPublicNetworkAccess(r.id, publicNetworkAccess, networkRuleBypassOptions),
    );
  } finally {
    // Done, failed or cut off: Azure may hold the change either way; show what it holds.
    await rereadAfterWrite(services, registryId);
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Public network access of {0} is {1} (bypass: {2}).', r.name, publicNetworkAccess, networkRuleBypassOptions ?? r.networkRuleBypassOptions ?? 'unknown'));
  return publicNetworkAccess;
}

// ---- DNS records from the NIC

/** From code: what to do with the rows; `create` changes Azure, so it needs `confirmed: true`. */
interface DnsRecordsOptions {
  action?: 'create' | 'zoneFile' | 'hosts';
  confirmed: boolean;
}

function dnsRecordsOptions(value: unknown): DnsRecordsOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { confirmed: false };
  const v = value as Record<string, unknown>;
  const action = v['action'];
  return { ...(action === 'create' || action === 'zoneFile' || action === 'hosts' ? { action } : {}), confirmed: v['confirmed'] === true };
}

export interface DnsRecordsResult {
  rows: DnsRecordRow[];
  /** Writes applied (create), or the exported text. */
  applied?: number;
  exported?: string;
  /** The form, when one was opened for a person. */
  panel?: DnsRecordsPanel;
}

/**
 * `acrPrivateLink.createDnsRecords` on an endpoint or a zone: the rows its NIC needs, those that exist
 * and match marked as such; create them in Azure, or export them for a DNS server you run yourself.
 * From code, `{ action: 'create', confirmed: true }` (or `zoneFile` / `hosts`) skips the questions.
 */
export async function createDnsRecords(services: Services, node?: unknown, options?: unknown): Promise<DnsRecordsResult | undefined> {
  let target: RecordTarget;
  const endpointId = isPrivateEndpointNode(node) ? node.privateEndpoint?.id : undefined;
  if (isPrivateEndpointNode(node) && endpointId) target = recordTargets(await services.store.read(node.registryNode.registryId), endpointId);
  else if (isPrivateDnsZoneNode(node)) target = recordTargets(await services.store.read(node.registryNode.registryId), undefined, node.zoneId);
  else throw new Error(vscode.l10n.t('Choose a private endpoint or a private DNS zone in the ACR Private Link view.'));
  if (target.rows.length === 0) throw new Error(vscode.l10n.t('No {0} zone is linked to this endpoint\'s virtual network; create the endpoint with DNS integration, or link a zone first.', registryZoneName));
  const opts = dnsRecordsOptions(options);
  const choice = opts.action === 'create' && !opts.confirmed ? undefined : opts.action;
  // A person gets the form (it works with the keyboard alone): rows, TTL, create, copy the export.
  if (!choice) {
    const panel = DnsRecordsPanel.panels.createOrShow(services, {
      registryId: target.registryId,
      ...(endpointId ? { privateEndpointId: endpointId } : {}),
      ...(isPrivateDnsZoneNode(node) ? { privateDnsZoneId: node.zoneId } : {}),
    });
    return { rows: target.rows, panel };
  }
  if (choice === 'create') {
    const outcomes = await applyRows(services, target, vscode.l10n.t('Creating DNS records for {0}…', target.registryName));
    const problem = firstProblem(outcomes);
    if (problem) throw new Error(problem);
    return { rows: target.rows, applied: outcomes.length };
  }
  const content = choice === 'zoneFile' ? zoneFileSnippet(target.rows) : hostsLines(target.rows);
  const document = await vscode.workspace.openTextDocument({ language: choice === 'zoneFile' ? 'dns' : 'plaintext', content });
  await vscode.window.showTextDocument(document, { preview: true });
  return { rows: target.rows, exported: content };
}

/**
 * `acrPrivateLink.addReplicaRecords` on a registry: after a replica is added, the data-endpoint
 * records every endpoint now needs (the seed document's warning), then re-approval of connections the
 * new replica sent back to Pending.
 */
export async function addReplicaRecords(services: Services, node?: unknown, options?: unknown): Promise<number | undefined> {
  if (!isRegistryNode(node)) throw new Error(vscode.l10n.t('Choose a registry in the ACR Private Link view.'));
  const opts = actionOptions(options);
  const { registryId } = node;
  // A replica is added outside this extension: read the registry (and its replicas) again first.
  const fresh = await services.store.reread(registryId);
  const name = fresh.registry.name;
  const target = recordTargets(fresh);
  const writes = dnsRecordWrites(target.rows);
  if (writes.length > 0 && !opts.confirmed) {
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Add the missing data-endpoint records of {0}?', name), { modal: true, detail: writes.map(describeWrite).join('\n') }, vscode.l10n.t('Add'));
    if (choice !== vscode.l10n.t('Add')) return undefined;
  }
  const outcomes = await applyRows(services, target, vscode.l10n.t('Adding replica records for {0}…', name));
  const problem = firstProblem(outcomes);
  if (problem) throw new Error(problem);
  const applied = outcomes.length;
  const details = (await services.store.read(registryId)).details!;
  const pending = details.privateEndpointConnections.filter((c) => c.status === 'Pending');
  if (pending.length > 0) {
    const approveButton = vscode.l10n.t('Approve');
    const question = pending.length === 1 ? vscode.l10n.t('1 connection is Pending after the replica was added. Approve again?') : vscode.l10n.t('{0} connections are Pending after the replica was added. Approve again?', pending.length);
    const approve = opts.confirmed ? approveButton : await vscode.window.showInformationMessage(question, approveButton);
    if (approve === approveButton) {
      const approved: string[] = [];
      try {
        for (const c of pending) {
          await services.session.getServices().approveConnection(c.id, vscode.l10n.t('Approved again after adding a replica'));
          approved.push(c.privateEndpointId ? resourceName(c.privateEndpointId) : c.name);
        }
      } finally {
        await services.store.reread(registryId);
      }
      void services.notify('information', vscode.l10n.t('Approved again: {0} ({1}).', approved.join(', '), name));
    }
  }
  if (applied === 0 && writes.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('{0}: every endpoint already has its data-endpoint records.', name));
  return applied;
}

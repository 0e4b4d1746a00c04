// The sandbox world a recording starts from: the recorded subscription and resource groups (with the
// location the recorded GET of the group showed). The registries are created by the recording's own
// PUTs, as in Azure.

import { addGroup, addSubscription } from '../../../src/sandbox/scenarios/build';
import { TENANT_ID } from '../../../src/sandbox/scenarios/ids';
import { emptyState, key, type SandboxState } from '../../../src/sandbox/state';
import type { Cassette } from './cassettes';

const GROUP = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)/i;

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function worldOf(cassette: Cassette): SandboxState {
  const state = emptyState(TENANT_ID, 'recorded');
  const subscriptions = new Set<string>();
  const groups = new Map<string, { subscriptionId: string; name: string; location?: string; tags?: Record<string, string> }>();
  for (const ex of cassette.exchanges) {
    const g = GROUP.exec(ex.path);
    if (!g?.[1] || !g[2]) continue;
    subscriptions.add(g[1]);
    const k = `${g[1]}/${g[2]}`.toLowerCase();
    const known = groups.get(k) ?? { subscriptionId: g[1], name: g[2] };
    const body = obj(ex.responseBody);
    if (ex.method === 'GET' && /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(ex.path) && typeof body['location'] === 'string') {
      known.name = typeof body['name'] === 'string' ? body['name'] : known.name;
      known.location = body['location'];
      if (body['tags'] && typeof body['tags'] === 'object') known.tags = body['tags'] as Record<string, string>;
    }
    if (!known.location && typeof obj(ex.requestBody)['location'] === 'string' && obj(ex.requestBody)['location'] !== 'global') known.location = obj(ex.requestBody)['location'] as string;
    groups.set(k, known);
  }
  // A Resource Graph query names the subscriptions it reads: they exist (empty) in the world.
  for (const ex of cassette.exchanges) {
    const named = obj(ex.requestBody)['subscriptions'];
    if (Array.isArray(named)) for (const s of named) if (typeof s === 'string') subscriptions.add(s);
  }
  for (const s of subscriptions) addSubscription(state, s, 'Recorded subscription', { 'Microsoft.ContainerRegistry': 'Registered' });
  for (const g of groups.values()) {
    const group = state.resourceGroups[key(addGroup(state, g.subscriptionId, g.name, g.location ?? 'westus'))];
    if (group && g.tags) group.tags = g.tags;
  }
  return state;
}

// Named scenarios: seed (the document's world with its defect), empty (before the private link
// steps), scale (generated, for benchmarks), one world per VNet DNS failure mode (vnetDns.ts),
// registry-network (the registry's own network settings: ACR Tasks, VNet rules, a full endpoint
// subnet, an NSG that blocks HTTPS) and dnl (a registry whose host names carry a domain-name-label
// hash).

import type { SandboxState } from '../state';
import { scaleScenario, type ScaleOptions } from './scale';
import { dnlScenario } from './dnl';
import { emptyScenario, seedScenario } from './seed';
import { VNET_DNS_WORLDS, vnetDnsScenario, type VnetDnsWorld } from './vnetDns';
import { registryNetworkScenario } from './registryNetwork';

export type ScenarioName = 'seed' | 'empty' | 'scale' | VnetDnsWorld | 'registry-network' | 'dnl';

/** Every scenario name, as the CLI and the control API list them. */
export const SCENARIO_NAMES: readonly ScenarioName[] = ['seed', 'empty', 'scale', ...VNET_DNS_WORLDS, 'registry-network', 'dnl'];

export const DEFAULT_SCALE: ScaleOptions = { subscriptions: 3, registries: 20, endpoints: 2 };

export function isScenarioName(v: unknown): v is ScenarioName {
  return typeof v === 'string' && (SCENARIO_NAMES as readonly string[]).includes(v);
}

export function buildScenario(name: ScenarioName, scale: ScaleOptions = DEFAULT_SCALE): SandboxState {
  if (name === 'seed') return seedScenario();
  if (name === 'empty') return emptyScenario();
  if ((VNET_DNS_WORLDS as readonly string[]).includes(name)) return vnetDnsScenario(name as VnetDnsWorld);
  if (name === 'registry-network') return registryNetworkScenario();
  if (name === 'dnl') return dnlScenario();
  return scaleScenario(scale);
}

export type { ScaleOptions };

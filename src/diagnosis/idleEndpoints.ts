// The IPs of a registry's endpoints whose connection is not Approved (Pending, Rejected, Disconnected):
// a zone group or a person may have written them into the zone, and clients that get them reach an
// endpoint that carries no traffic. They are still "in use" (never removed by a safe fix), but never
// a working answer.
import { resourceName } from '../model/armId';
import { parseIpv4 } from '../common/ipv4';
import type { RegistryEndpoint } from './endpoints';
import { normalizeFqdn } from './names';

/** Per name, each idle IP with its endpoint. */
export type IdleEndpoints = ReadonlyMap<string, ReadonlyMap<string, RegistryEndpoint>>;

const none: ReadonlyMap<string, RegistryEndpoint> = new Map();

/** Per name, each idle IP with its endpoint: worked out with the registry's context (most endpoints are Approved and add nothing). */
export function idleEndpointsByName(endpoints: readonly RegistryEndpoint[]): IdleEndpoints {
  const byName = new Map<string, Map<string, RegistryEndpoint>>();
  for (const pe of endpoints) {
    if (pe.status === 'Approved') continue;
    const add = (name: string, ip: string): void => {
      if (parseIpv4(ip) === undefined) return;
      const key = normalizeFqdn(name);
      let ips = byName.get(key);
      if (!ips) byName.set(key, (ips = new Map()));
      ips.set(ip, pe);
    };
    for (const nic of pe.networkInterfaces) for (const ipc of nic.ipConfigurations) for (const f of ipc.fqdns) add(f, ipc.privateIPAddress);
    for (const c of pe.endpoint?.customDnsConfigs ?? []) for (const ip of c.ipAddresses) add(c.fqdn, ip);
  }
  return byName;
}

/** For a name, each idle IP with its endpoint. */
export function idleEndpointIps(ctx: { idle: IdleEndpoints }, fqdn: string): ReadonlyMap<string, RegistryEndpoint> {
  return ctx.idle.get(normalizeFqdn(fqdn)) ?? none;
}

/** `pe2 (Pending), pe3 (Rejected)`: the endpoints behind some idle IPs, with their connection's status. */
export function idleEndpointNames(idle: ReadonlyMap<string, RegistryEndpoint>, ips: readonly string[]): string {
  const names: string[] = [];
  for (const ip of ips) {
    const pe = idle.get(ip);
    const name = pe ? `${resourceName(pe.privateEndpointId)} (${pe.status})` : undefined;
    if (name && !names.includes(name)) names.push(name);
  }
  return names.join(', ');
}

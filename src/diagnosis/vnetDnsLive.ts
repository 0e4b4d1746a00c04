// The live check against a VNet's own DNS servers: where Azure's configuration cannot prove what they
// answer ("depends on your DNS servers"), ask them. Which servers to ask comes from the snapshot; how
// to reach one is the caller's (`resolverFor`): on a VM in the VNet, the server's own IP; in sandbox
// mode, the loopback listener the sandbox publishes for it, and nothing else (an IP it does not
// publish is not asked). A server that does not answer leaves the verdict where it was.
import { registryContext } from './context';
import { resolveAllLive, type LiveAnswer, type LiveCheckOptions, type LiveResolver } from './liveResolution';
import type { ResourceId, Snapshot } from '../model/types';
import { sameId } from '../model/armId';
import { virtualResolution } from './virtualResolution';
import { peeredVirtualNetworks } from './peering';

/** What one of a VNet's DNS servers answered for the registry's names. */
export interface VnetServerAnswer {
  virtualNetworkId: ResourceId;
  /** The server's IP as the VNet (or the forwarding rule) names it. */
  server: string;
  /** What was dialled for it (`10.0.0.4`, or the sandbox's `127.0.0.1:port`); absent when it could not be asked from here. */
  dialled?: string;
  answers: LiveAnswer[];
}

export interface ServersToAsk {
  virtualNetworkId: ResourceId;
  servers: string[];
  fqdns: string[];
}

/** The VNets (with an endpoint, or peered to one) whose answer depends on DNS servers, those servers, and the names to ask. */
export function vnetDnsServersToAsk(snapshot: Snapshot, registryId: ResourceId): ServersToAsk[] {
  const ctx = registryContext(snapshot, registryId);
  if (!ctx) return [];
  const fqdns = [...new Set(ctx.expected.map((e) => e.fqdn))];
  const vnets = [...ctx.configured.endpointVirtualNetworkIds, ...peeredVirtualNetworks(ctx).map((p) => p.virtualNetworkId)];
  const out: ServersToAsk[] = [];
  for (const vnetId of vnets) {
    const answer = virtualResolution(snapshot, vnetId, ctx.names.loginServer, ctx.names.suffix);
    if (answer.status !== 'dependsOnDnsServers' || !answer.dnsServers?.length) continue;
    out.push({ virtualNetworkId: vnetId, servers: answer.dnsServers, fqdns: fqdns.length > 0 ? fqdns : [ctx.names.loginServer] });
  }
  return out;
}

/** Asks every server of every VNet that depends on its DNS servers; `resolverFor` undefined means "cannot be asked from here". */
export async function askVnetDnsServers(targets: readonly ServersToAsk[], resolverFor: (ip: string) => LiveResolver | undefined, now?: () => Date, options: LiveCheckOptions = {}): Promise<VnetServerAnswer[]> {
  const out: VnetServerAnswer[] = [];
  await Promise.all(
    targets.flatMap((t) =>
      t.servers.map(async (server) => {
        const resolver = resolverFor(server);
        if (!resolver) {
          out.push({ virtualNetworkId: t.virtualNetworkId, server, answers: [] });
          return;
        }
        const answers = await resolveAllLive(resolver, t.fqdns, now, options);
        out.push({ virtualNetworkId: t.virtualNetworkId, server, dialled: resolver.server, answers });
      }),
    ),
  );
  return out;
}

/** The answers the VNet's servers gave for a name, one per server asked; servers not asked are missing. */
export function serverAnswersFor(all: readonly VnetServerAnswer[] | undefined, virtualNetworkId: ResourceId, fqdn: string): { server: string; answer?: LiveAnswer }[] {
  return (all ?? [])
    .filter((a) => sameId(a.virtualNetworkId, virtualNetworkId))
    .map((a) => {
      const answer = a.answers.find((x) => x.fqdn === fqdn);
      return { server: a.server, ...(answer ? { answer } : {}) };
    });
}

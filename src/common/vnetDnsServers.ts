// How a live check reaches a VNet's own DNS server. Against Azure, the server's IP itself (it answers
// on a VM in that VNet or a network connected to it; elsewhere it times out and the verdict stays
// "depends on your DNS servers"). Against the sandbox, private IPs are data: the sandbox publishes a
// loopback listener per DNS server IP (`GET /_sandbox/dns/servers`) and only those are dialled; an IP
// it does not publish, or a listener that is not on loopback, is never asked.
import * as https from 'node:https';
import { createLiveResolver, type LiveResolver } from '../diagnosis/index';
import { isLoopbackHost } from './loopback';

export type VnetDnsResolverFor = (ip: string) => LiveResolver | undefined;

/** Against Azure: dial the VNet's DNS server itself. */
export const azureVnetDnsResolver: VnetDnsResolverFor = (ip) => createLiveResolver({ servers: [ip] });

/** `127.0.0.1:5353` → its host. */
function hostOf(address: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(address);
  return v6 ? v6[1]! : address.split(':')[0]!;
}

/** The sandbox's map, restricted to loopback listeners: anything else is dropped, never dialled. */
export function sandboxVnetDnsResolver(published: Record<string, string>, create: (servers: string[]) => LiveResolver = (servers) => createLiveResolver({ servers })): VnetDnsResolverFor {
  const loopback = new Map(Object.entries(published).filter(([, address]) => isLoopbackHost(hostOf(address))));
  return (ip) => {
    const address = loopback.get(ip);
    return address === undefined ? undefined : create([address]);
  };
}

/** Reads the sandbox's published listeners; only from a loopback ARM endpoint. An unreadable map asks nothing. */
export async function readSandboxDnsServers(armEndpoint: string, caCertPem: string | undefined, signal?: AbortSignal): Promise<Record<string, string>> {
  const url = new URL('/_sandbox/dns/servers', armEndpoint);
  if (!isLoopbackHost(url.hostname)) return {};
  return new Promise((resolve) => {
    const req = https.get(url, { ...(caCertPem ? { ca: caCertPem } : {}), timeout: 5000, ...(signal ? { signal } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        try {
          const value = (JSON.parse(body) as { value?: unknown }).value;
          resolve(value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string')) : {});
        } catch {
          resolve({});
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({}));
  });
}

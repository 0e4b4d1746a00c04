// DNS on loopback, UDP and TCP (RFC 1035 two-byte length framing), answering from the sandbox state,
// with the faults injected through the control API (late, no answer, SERVFAIL).

import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { SandboxState } from '../state';
import { answer } from './answer';
import type { DnsFaultTable } from './faults';

export interface DnsServer {
  port: number;
  close(): Promise<void>;
}

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

/** `asServer`: answer as the DNS server at that private IP does (see answer.ts), not as the selected VNet's client. */
export function respond(state: SandboxState, query: Buffer, rcode?: 'SERVFAIL', asServer?: string): Buffer | undefined {
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    return undefined; // not DNS: drop, as a resolver would
  }
  const question = packet.questions?.[0];
  const result =
    rcode !== undefined ? { rcode, answers: [] } : question ? answer(state, question.name, question.type, asServer) : { rcode: 'REFUSED' as const, answers: [] };
  const flags = dnsPacket.AUTHORITATIVE_ANSWER | ((packet.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | dnsPacket.RECURSION_AVAILABLE;
  return dnsPacket.encode({
    id: packet.id ?? 0,
    type: 'response',
    flags: (flags & ~0x000f) | RCODE[result.rcode],
    questions: packet.questions ?? [],
    answers: result.answers.map((a) => ({ name: a.name, type: a.type, class: 'IN' as const, ttl: a.ttl, data: a.data })),
  });
}

function questionName(query: Buffer): string | undefined {
  try {
    return dnsPacket.decode(query).questions?.[0]?.name;
  } catch {
    return undefined;
  }
}

/** Answers one query, or not, as the faults say; `send` gets the reply (at once or later). */
function serve(getState: () => SandboxState, faults: DnsFaultTable | undefined, query: Buffer, send: (reply: Buffer) => void, timers: Set<NodeJS.Timeout>, asServer?: string): void {
  const name = questionName(query);
  const fault = name !== undefined ? faults?.take(name) : undefined;
  if (fault?.kind === 'noAnswer') return;
  if (fault?.kind === 'slow') {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const reply = respond(getState(), query, undefined, asServer);
      if (reply) send(reply);
    }, fault.delayMs ?? 2000);
    timers.add(timer);
    return;
  }
  const reply = respond(getState(), query, fault?.kind === 'servfail' ? 'SERVFAIL' : undefined, asServer);
  if (reply) send(reply);
}

export async function startDnsServer(getState: () => SandboxState, host: string, port: number, faults?: DnsFaultTable, asServer?: string): Promise<DnsServer> {
  // With port 0 the UDP port is picked first and TCP must get the same number; retry if it is taken.
  for (let attempt = 0; ; attempt++) {
    try {
      return await listen(getState, host, port, faults, asServer);
    } catch (e) {
      if (port !== 0 || attempt >= 10 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
}

async function listen(getState: () => SandboxState, host: string, port: number, faults: DnsFaultTable | undefined, asServer: string | undefined): Promise<DnsServer> {
  const timers = new Set<NodeJS.Timeout>();
  const udp = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  udp.on('message', (msg, rinfo) => {
    serve(getState, faults, msg, (reply) => udp.send(reply, rinfo.port, rinfo.address), timers, asServer);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, host, () => resolve());
  });
  const boundPort = udp.address().port;

  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const query = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        serve(getState, faults, query, (reply) => {
          if (socket.destroyed) return;
          const framed = Buffer.alloc(2 + reply.length);
          framed.writeUInt16BE(reply.length, 0);
          reply.copy(framed, 2);
          socket.write(framed);
        }, timers, asServer);
      }
    });
  });
  // Same port number as UDP, the way DNS servers are addressed ("host:port" serves both).
  try {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(boundPort, host, () => resolve());
    });
  } catch (e) {
    await new Promise<void>((r) => udp.close(() => r()));
    throw e;
  }

  return {
    port: boundPort,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
    },
  };
}

/** The private IPs that act as DNS servers in the state: VNets' own servers, inbound endpoints, forwarding rules' targets. */
export function dnsServerAddresses(state: SandboxState): string[] {
  const ips = new Set<string>();
  for (const v of Object.values(state.virtualNetworks)) for (const s of v.dnsServers) if (s.trim() !== '' && s !== '168.63.129.16') ips.add(s.trim());
  for (const e of Object.values(state.inboundEndpoints ?? {})) for (const c of e.ipConfigurations) ips.add(c.privateIpAddress);
  for (const r of Object.values(state.forwardingRules ?? {})) for (const t of r.targetDnsServers) ips.add(t.ipAddress);
  for (const ip of Object.keys(state.dnsServerForwarders ?? {})) ips.add(ip);
  return [...ips].sort();
}

/**
 * One loopback listener per private IP that acts as a DNS server, answering as that server does:
 * the sandbox's IPs are data, never addresses anyone dials, so a check "against 10.0.0.4" dials the
 * listener published for 10.0.0.4. Started on first ask (`GET /_sandbox/dns/servers`), kept until close.
 */
export class DnsServerViews {
  private readonly servers = new Map<string, Promise<DnsServer>>();
  constructor(
    private readonly getState: () => SandboxState,
    private readonly host: string,
    private readonly faults?: DnsFaultTable,
  ) {}

  /** IP → `host:port` of its listener, for every DNS server IP in the state now. */
  async addresses(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const ip of dnsServerAddresses(this.getState())) {
      let started = this.servers.get(ip);
      if (!started) {
        started = startDnsServer(this.getState, this.host, 0, this.faults, ip);
        this.servers.set(ip, started);
      }
      const server = await started;
      out[ip] = `${this.host.includes(':') ? `[${this.host}]` : this.host}:${server.port}`;
    }
    return out;
  }

  async close(): Promise<void> {
    const all = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(all.map(async (s) => (await s).close()));
  }
}

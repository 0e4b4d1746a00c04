// DNS on loopback, UDP and TCP (RFC 1035 two-byte length framing), answering from the sandbox state.

import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { SandboxState } from '../state';
import { answer } from './answer';

export interface DnsServer {
  port: number;
  close(): Promise<void>;
}

const RCODE = { NOERROR: 0, NXDOMAIN: 3, REFUSED: 5 } as const;

export function respond(state: SandboxState, query: Buffer): Buffer | undefined {
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    return undefined; // not DNS: drop, as a resolver would
  }
  const question = packet.questions?.[0];
  const result = question ? answer(state, question.name, question.type) : { rcode: 'REFUSED' as const, answers: [] };
  const flags = dnsPacket.AUTHORITATIVE_ANSWER | ((packet.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | dnsPacket.RECURSION_AVAILABLE;
  return dnsPacket.encode({
    id: packet.id ?? 0,
    type: 'response',
    flags: (flags & ~0x000f) | RCODE[result.rcode],
    questions: packet.questions ?? [],
    answers: result.answers.map((a) => ({ name: a.name, type: a.type, class: 'IN' as const, ttl: a.ttl, data: a.data })),
  });
}

export async function startDnsServer(getState: () => SandboxState, host: string, port: number): Promise<DnsServer> {
  // With port 0 the UDP port is picked first and TCP must get the same number; retry if it is taken.
  for (let attempt = 0; ; attempt++) {
    try {
      return await listen(getState, host, port);
    } catch (e) {
      if (port !== 0 || attempt >= 10 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
}

async function listen(getState: () => SandboxState, host: string, port: number): Promise<DnsServer> {
  const udp = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  udp.on('message', (msg, rinfo) => {
    const reply = respond(getState(), msg);
    if (reply) udp.send(reply, rinfo.port, rinfo.address);
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
        const reply = respond(getState(), buffered.subarray(2, 2 + length));
        buffered = buffered.subarray(2 + length);
        if (!reply) continue;
        const framed = Buffer.alloc(2 + reply.length);
        framed.writeUInt16BE(reply.length, 0);
        reply.copy(framed, 2);
        socket.write(framed);
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
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
    },
  };
}

// The registry endpoints of the sandbox's world on loopback. Each address the sandbox's DNS can
// answer (a private endpoint's IP such as 10.0.0.7, an ACR front-end IP such as 203.0.113.x, an IP in
// a zone record that no NIC holds) gets a listener of its own on 127.0.0.1; `GET
// /_sandbox/listeners` publishes the map, and a client in sandbox mode dials the listener instead of
// the address, so nothing ever leaves this machine. Behind each listener: TLS with a certificate
// from the sandbox's CA for the public names ACR's certificate covers (`*.azurecr.io`,
// `*.<region>.data.azurecr.io`; never `*.privatelink.azurecr.io`), then ACR's answers (answers.ts).
// Faults make a listener hold connections without a word (a dropped packet, as an NSG or a
// firewall does) or reset them.
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxCertificates } from '../certs';
import { loginServerOf } from '../providers/registryMembers';
import type { SandboxState } from '../state';
import { isPublicEndpointAddress, privateEndpointAt, registryForHost, sandboxAddresses, type AddressRole } from './addresses';
import { bearerChallenge, CLIENT_PUBLIC_ADDRESS, dataEndpointAnswer, denied, publicAccessAllows, type EndpointAnswer } from './answers';

export type ListenerFaultKind = 'timeout' | 'reset';
export const LISTENER_FAULT_KINDS: readonly ListenerFaultKind[] = ['timeout', 'reset'];

export interface ListenerFault {
  id: number;
  /** The sandbox address (10.0.0.7), not the loopback listener. */
  address: string;
  kind: ListenerFaultKind;
  /** Connections left; undefined means every one. */
  times?: number;
}

export interface PublishedListener {
  address: string;
  role: AddressRole;
  /** `127.0.0.1:PORT`: where a client in sandbox mode connects for `address`:443. */
  listener: string;
}

export interface ListenerLogEntry {
  time: string;
  address: string;
  /** What happened to the connection: a fault, silence (nothing serves the address), or a request. */
  event: 'timeout' | 'reset' | 'silent' | 'request';
  servername?: string;
  host?: string;
  path?: string;
  status?: number;
}

interface Listener {
  tcp: net.Server;
  /** Takes the connections the TCP listener passes on: TLS, then ACR's answers for this address. */
  tls: https.Server;
  port: number;
}

const MAX_LOG = 2000;
const dataHost = /^[^.]+\.([a-z0-9]+)\.data\.azurecr\.io$/;

export class RegistryListeners {
  private readonly listeners = new Map<string, Listener>();
  private readonly opening = new Map<string, Promise<Listener>>();
  private readonly contexts = new Map<string, { cert: string; key: string }>();
  private readonly sockets = new Set<net.Socket>();
  private faults: ListenerFault[] = [];
  private nextFaultId = 1;
  log: ListenerLogEntry[] = [];

  constructor(
    private readonly getState: () => SandboxState,
    private readonly issue: SandboxCertificates['issue'],
    /** Always loopback: these listeners stand in for addresses that are not. */
    private readonly host = '127.0.0.1',
  ) {}

  private tlsServerFor(address: string): https.Server {
    const fallback = this.certificateFor('');
    const server = https.createServer(
      {
        cert: fallback.cert,
        key: fallback.key,
        SNICallback: (servername, done) => {
          try {
            const c = this.certificateFor(servername);
            done(null, tls.createSecureContext({ cert: c.cert, key: c.key }));
          } catch (e) {
            done(e as Error);
          }
        },
      },
      (req, res) => this.respond(address, req, res),
    );
    // A client that gives up on the handshake (it does not trust the name) is its own business.
    server.on('tlsClientError', () => undefined);
    return server;
  }

  /** The certificate ACR would offer for a name: the data endpoints' wildcard for their region, `*.azurecr.io` otherwise. */
  private certificateFor(servername: string): { cert: string; key: string } {
    const region = dataHost.exec(servername.toLowerCase())?.[1];
    const names = region !== undefined ? [`*.${region}.data.azurecr.io`, '*.azurecr.io'] : ['*.azurecr.io'];
    const cacheKey = names.join(',');
    let c = this.contexts.get(cacheKey);
    if (!c) {
      const issued = this.issue(names);
      c = { cert: issued.certPem, key: issued.keyPem };
      this.contexts.set(cacheKey, c);
    }
    return c;
  }

  /** Opens a listener for every address of the world as it is now; the map a sandbox-mode client dials through. */
  async publish(): Promise<PublishedListener[]> {
    const addresses = sandboxAddresses(this.getState());
    const out: PublishedListener[] = [];
    for (const { address, role } of addresses) {
      const l = await this.open(address);
      out.push({ address, role, listener: `${this.host}:${l.port}` });
    }
    return out;
  }

  private open(address: string): Promise<Listener> {
    const ready = this.listeners.get(address);
    if (ready) return Promise.resolve(ready);
    let pending = this.opening.get(address);
    if (!pending) {
      pending = new Promise<Listener>((resolve, reject) => {
        const server = this.tlsServerFor(address);
        const tcp = net.createServer((socket) => this.accept(address, socket, server));
        tcp.once('error', reject);
        tcp.listen(0, this.host, () => {
          const l = { tcp, tls: server, port: (tcp.address() as net.AddressInfo).port };
          this.listeners.set(address, l);
          this.opening.delete(address);
          resolve(l);
        });
      });
      this.opening.set(address, pending);
    }
    return pending;
  }

  private accept(address: string, socket: net.Socket, server: https.Server): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const fault = this.takeFault(address);
    const state = this.getState();
    const endpoint = privateEndpointAt(state, address);
    // Nothing answers an address no NIC holds, nor an endpoint whose connection is not approved.
    const serves = endpoint ? endpoint.approved : isPublicEndpointAddress(state, address);
    if (fault?.kind === 'reset') {
      this.record({ address, event: 'reset' });
      socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'timeout' || !serves) {
      // Hold the connection without a word until the client gives up.
      this.record({ address, event: fault ? 'timeout' : 'silent' });
      return;
    }
    server.emit('connection', socket);
  }

  private respond(address: string, req: IncomingMessage, res: ServerResponse): void {
    const tlsSocket = req.socket as tls.TLSSocket;
    const servername = typeof tlsSocket.servername === 'string' ? tlsSocket.servername : undefined;
    const host = (req.headers.host ?? servername ?? '').replace(/:\d+$/, '').toLowerCase();
    const answer = this.answerFor(address, host);
    this.record({ address, event: 'request', ...(servername ? { servername } : {}), host, path: req.url ?? '/', status: answer.status });
    res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
    res.end(answer.body);
    req.resume();
  }

  private answerFor(address: string, host: string): EndpointAnswer {
    const state = this.getState();
    const target = registryForHost(state, host);
    const notFound: EndpointAnswer = { status: 404, headers: { 'Content-Type': 'text/plain' }, body: `No registry endpoint ${host} here.` };
    if (!target) return notFound;
    const endpoint = privateEndpointAt(state, address);
    if (endpoint) {
      // A private endpoint carries its own registry only.
      if (endpoint.registry.id.toLowerCase() !== target.registry.id.toLowerCase()) return notFound;
    } else if (!publicAccessAllows(target.registry, CLIENT_PUBLIC_ADDRESS)) {
      return denied(CLIENT_PUBLIC_ADDRESS);
    }
    return target.region === undefined ? bearerChallenge(loginServerOf(target.registry)) : dataEndpointAnswer();
  }

  private record(entry: Omit<ListenerLogEntry, 'time'>): void {
    this.log.push({ time: new Date().toISOString(), ...entry });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }

  addFault(fault: Omit<ListenerFault, 'id'>): ListenerFault {
    const stored = { ...fault, id: this.nextFaultId++ };
    this.faults.push(stored);
    return stored;
  }

  listFaults(): ListenerFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(address: string): ListenerFault | undefined {
    const rule = this.faults.find((f) => f.address === address);
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times--;
      if (rule.times <= 0) this.faults = this.faults.filter((f) => f !== rule);
    }
    return { ...rule };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all([...this.opening.values()].map((p) => p.catch(() => undefined)));
    await Promise.all([...this.listeners.values()].map((l) => new Promise<void>((r) => l.tcp.close(() => r()))));
    this.listeners.clear();
  }
}

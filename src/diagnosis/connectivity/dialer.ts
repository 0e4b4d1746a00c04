// Where a connection to `address:443` really goes. In Azure it goes to the address. In sandbox mode
// it goes only to the loopback listener the sandbox publishes for that address; an address without
// one is not dialed at all, and a listener that is not on loopback is refused: tests and the sandbox
// never open a connection to a private-range or public address.
import * as l10n from '@vscode/l10n';
import * as net from 'node:net';
import { isLoopbackHost } from '../../common/loopback';

export interface TcpTarget {
  host: string;
  port: number;
}

/** Opens a TCP connection (net.connect); tests pass one that records what it was asked to dial. */
export type OpenTcp = (target: TcpTarget) => net.Socket;

export interface Dialer {
  mode: 'direct' | 'sandbox';
  /** The target for `address:port`, or a reason why nothing may be dialed for it. */
  route(address: string, port: number): TcpTarget | { refused: string };
  open: OpenTcp;
}

export const openTcp: OpenTcp = (target) => net.connect({ host: target.host, port: target.port });

export function directDialer(open: OpenTcp = openTcp): Dialer {
  return { mode: 'direct', route: (address, port) => ({ host: address, port }), open };
}

/** One address of the sandbox's world and the loopback listener that stands for it (`GET /_sandbox/listeners`). */
export interface SandboxListener {
  address: string;
  /** `127.0.0.1:PORT`. */
  listener: string;
}

function parseListener(text: string): TcpTarget | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? { host: m[1].replace(/^\[(.*)\]$/, '$1'), port } : undefined;
}

export function sandboxDialer(listeners: readonly SandboxListener[], open: OpenTcp = openTcp): Dialer {
  const map = new Map<string, TcpTarget>();
  for (const l of listeners) {
    const target = parseListener(l.listener);
    if (target && isLoopbackHost(target.host)) map.set(l.address, target);
  }
  return {
    mode: 'sandbox',
    route: (address, port) => {
      if (port !== 443) return { refused: l10n.t('the sandbox publishes listeners for port 443 only, not {0}', port) };
      return map.get(address) ?? { refused: l10n.t('the sandbox publishes no listener for {0}, and in sandbox mode nothing else is dialed', address) };
    },
    // The last guard: whatever asks, a sandbox-mode connection stays on this machine.
    open: (target) => {
      if (!isLoopbackHost(target.host)) throw Object.assign(new Error(l10n.t('Refused to dial {0}: in sandbox mode only loopback listeners are dialed.', target.host)), { code: 'ENOTDIALED' });
      return open(target);
    },
  };
}

// The map a sandbox publishes from each address of its world to the loopback listener that stands
// for it (`GET /_sandbox/listeners` on its ARM endpoint). Asked of a loopback endpoint only, over a
// socket opened here (node:https may be sent through a proxy in VS Code's extension host).
import * as l10n from '@vscode/l10n';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { isLoopbackHost } from '../../common/loopback';
import type { SandboxListener } from './dialer';
import { httpGet } from './httpExchange';

export async function fetchSandboxListeners(armEndpoint: string, caCertPem: string | undefined, timeoutMs = 10_000): Promise<SandboxListener[]> {
  const url = new URL('/_sandbox/listeners', armEndpoint);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol !== 'https:' || !isLoopbackHost(host)) throw new Error(l10n.t('The sandbox\'s listeners are read from a loopback https endpoint only, not {0}.', armEndpoint));
  const socket = tls.connect({
    socket: net.connect({ host, port: Number(url.port || 443) }),
    host,
    ...(net.isIP(host) === 0 ? { servername: host } : {}),
    ...(caCertPem !== undefined ? { ca: [caCertPem] } : {}),
  });
  const timer = setTimeout(() => socket.destroy(Object.assign(new Error(l10n.t('The sandbox did not list its listeners within {0} s.', timeoutMs / 1000)), { code: 'ETIMEDOUT' })), timeoutMs);
  let text: string;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', reject);
    });
    const answer = await httpGet(socket, url.host, url.pathname, { Accept: 'application/json' }, 4 * 1024 * 1024);
    if (answer.status !== 200) throw new Error(l10n.t('The sandbox answered {0} to GET /_sandbox/listeners; is it a sandbox that serves registry endpoints?', answer.status));
    text = answer.body;
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
  const body = JSON.parse(text) as { value?: unknown };
  if (!Array.isArray(body.value)) throw new Error(l10n.t('The sandbox listed no listeners.'));
  return body.value.flatMap((v: unknown) => {
    const l = v as Partial<SandboxListener>;
    return typeof l.address === 'string' && typeof l.listener === 'string' ? [{ address: l.address, listener: l.listener }] : [];
  });
}

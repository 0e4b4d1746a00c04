// The control API of the registry endpoints: `GET /_sandbox/listeners` publishes which loopback
// listener stands for each address; faults make one time out or reset; the log says what each
// connection got (the name the client asked for in TLS included).
import { isIP } from 'node:net';
import type { ControlResponse } from '../control';
import { CLIENT_PUBLIC_ADDRESS } from './answers';
import { LISTENER_FAULT_KINDS, type ListenerFaultKind, type RegistryListeners } from './listeners';

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: { code: 'BadRequest', message } } });

export async function handleListenerControl(listeners: RegistryListeners, method: string, path: string, raw: string): Promise<ControlResponse> {
  let body: Record<string, unknown> = {};
  if (raw.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      return bad('The control request body is not valid JSON.');
    }
  }
  switch (`${method} ${path.replace(/\/$/, '')}`) {
    case 'GET /_sandbox/listeners':
      return { status: 200, body: { clientPublicAddress: CLIENT_PUBLIC_ADDRESS, value: await listeners.publish() } };
    case 'POST /_sandbox/listeners/faults': {
      const { address, kind, times } = body;
      if (typeof address !== 'string' || isIP(address) !== 4) return bad("'address' must be the sandbox IPv4 address whose listener misbehaves (e.g. 10.0.0.7).");
      if (!LISTENER_FAULT_KINDS.includes(kind as ListenerFaultKind)) return bad(`'kind' must be one of ${LISTENER_FAULT_KINDS.join(', ')}.`);
      if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) return bad("'times' must be a positive integer.");
      return { status: 201, body: listeners.addFault({ address, kind: kind as ListenerFaultKind, ...(typeof times === 'number' ? { times } : {}) }) };
    }
    case 'GET /_sandbox/listeners/faults':
      return { status: 200, body: { value: listeners.listFaults() } };
    case 'DELETE /_sandbox/listeners/faults':
      listeners.clearFaults();
      return { status: 204 };
    case 'GET /_sandbox/listeners/log':
      return { status: 200, body: { value: listeners.log } };
    case 'DELETE /_sandbox/listeners/log':
      listeners.log = [];
      return { status: 204 };
    default:
      return { status: 404, body: { error: { code: 'NotFound', message: `No control operation ${method} ${path}.` } } };
  }
}

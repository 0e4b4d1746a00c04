// One host, step by step as a client does it: the resolved address, TCP 443 to it, TLS with SNI =
// the public name and the certificate verified for that name (never the privatelink name: ACR's
// certificate does not cover it), then `GET /v2/`. Every step has a timeout and is timed; a step
// that fails ends the probe, and the sockets are closed whatever happens.
import * as l10n from '@vscode/l10n';
import type * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import * as tls from 'node:tls';
import { classifyAddress } from '../ipClass';
import type { LiveAnswer } from '../liveResolution';
import type { Dialer } from './dialer';
import { httpGet } from './httpExchange';
import type { ConnectivityOutcome, HostConnectivity, HostRole, HttpAnswer, StepName, StepResult } from './types';

export interface StepTimeouts {
  connect: number;
  tls: number;
  http: number;
}

/** A registry answers in well under a second; a dropped packet is not worth more than this per step. */
export const defaultStepTimeouts: StepTimeouts = { connect: 5000, tls: 5000, http: 10_000 };

export interface ProbeOptions {
  dialer: Dialer;
  /** The only CA to trust (the sandbox's); the system's CAs otherwise. */
  ca?: string;
  timeouts?: Partial<StepTimeouts>;
  signal?: AbortSignal;
  now?: () => Date;
}

const port = 443;
const maxBody = 16 * 1024;
const untrustedCodes = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED']);

const round = (ms: number): number => Math.round(ms * 10) / 10;

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/**
 * Waits for one step: `start` gets `finish` and must call it once; the step ends as a timeout when
 * `timeoutMs` passes or the check is cancelled first (then `onGiveUp` closes what the step opened).
 */
function step<T>(timeoutMs: number, signal: AbortSignal | undefined, onGiveUp: () => void, start: (finish: (value: T) => void) => void): Promise<T | 'timeout' | 'cancelled'> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: T | 'timeout' | 'cancelled'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (value === 'timeout' || value === 'cancelled') onGiveUp();
      resolve(value);
    };
    const onAbort = (): void => settle('cancelled');
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    if (signal?.aborted) {
      settle('cancelled');
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      start(settle);
    } catch (error) {
      settle({ error } as T);
    }
  });
}

interface Failure {
  error: unknown;
}

function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'error' in value;
}

function failureError(value: Failure): unknown {
  return value.error;
}

function connectOutcome(code: string | undefined): ConnectivityOutcome {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'unreachable';
}

function tlsOutcome(code: string | undefined): ConnectivityOutcome {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'tlsNameMismatch';
  if (code !== undefined && untrustedCodes.has(code)) return 'tlsUntrusted';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  return 'tlsFailed';
}

/** `realm` and `service` of `Bearer realm="…",service="…"`. */
export function parseBearerChallenge(header: string | undefined): { realm?: string; service?: string } | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*Bearer\s+(.*)$/i.exec(header);
  if (!m?.[1]) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[1].matchAll(/([a-zA-Z]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) params[p[1]!.toLowerCase()] = p[2] ?? p[3] ?? '';
  return { ...(params['realm'] !== undefined ? { realm: params['realm'] } : {}), ...(params['service'] !== undefined ? { service: params['service'] } : {}) };
}

/** The status, the challenge and the first ACR error (`{"errors":[{"code":"DENIED","message":"client with IP '…' …"}]}`). */
export function readAnswer(status: number, headers: Record<string, string | undefined>, body: string): HttpAnswer {
  const wwwAuthenticate = headers['www-authenticate'];
  const challenge = parseBearerChallenge(wwwAuthenticate);
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
    if (typeof first?.code === 'string') errorCode = first.code;
    if (typeof first?.message === 'string') errorMessage = first.message;
  } catch {
    // Not ACR's JSON: the status says what there is to say.
  }
  const clientIp = errorMessage !== undefined ? /client with IP '([^']+)'/i.exec(errorMessage)?.[1] : undefined;
  return {
    status,
    ...(wwwAuthenticate !== undefined ? { wwwAuthenticate } : {}),
    ...(challenge?.realm !== undefined ? { realm: challenge.realm } : {}),
    ...(challenge?.service !== undefined ? { service: challenge.service } : {}),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(errorMessage !== undefined ? { errorMessage } : {}),
    ...(clientIp !== undefined ? { clientIp } : {}),
  };
}

/** What an HTTP answer means for this kind of host. */
export function classifyAnswer(role: HostRole, answer: HttpAnswer): ConnectivityOutcome {
  if (answer.status === 403 && answer.errorCode === 'DENIED') return 'publicEndpoint';
  if (role === 'dataEndpoint') return 'reachable';
  return answer.status === 401 && answer.realm !== undefined && answer.service !== undefined ? 'reachable' : 'unexpectedAnswer';
}

function answerDetail(a: HttpAnswer): string {
  if (a.realm !== undefined) return l10n.t('HTTP {0}, Bearer realm="{1}", service="{2}"', a.status, a.realm, a.service ?? '');
  return `HTTP ${a.status}${a.errorCode ? ` ${a.errorCode}` : ''}${a.errorMessage ? `: ${a.errorMessage}` : ''}`;
}

/** Probes one host whose name `resolved` answers; `resolved` is the resolve step. */
export async function probeHost(host: string, role: HostRole, resolved: LiveAnswer, options: ProbeOptions): Promise<HostConnectivity> {
  const timeouts = { ...defaultStepTimeouts, ...options.timeouts };
  const checkedAt = (options.now ?? (() => new Date()))().toISOString();
  const steps: StepResult[] = [];
  const result = (outcome: ConnectivityOutcome, stepName: StepName, extra: Partial<HostConnectivity> = {}): HostConnectivity => ({
    host,
    role,
    outcome,
    step: stepName,
    steps,
    checkedAt,
    elapsedMs: round(steps.reduce((sum, s) => sum + s.elapsedMs, 0)),
    ...extra,
  });

  // 1. resolve: the live DNS check's answer for this name.
  const address = resolved.status === 'ok' ? resolved.addresses[0] : undefined;
  steps.push({
    step: 'resolve',
    outcome: address !== undefined ? 'ok' : resolved.status === 'timeout' ? 'timeout' : 'failed',
    elapsedMs: resolved.elapsedMs,
    detail: address !== undefined ? `${resolved.chain.join(' → ')} → ${resolved.addresses.join(', ')}` : `${resolved.status.toUpperCase()} from ${resolved.server}${resolved.message ? `: ${resolved.message}` : ''}`,
    ...(resolved.errorCode !== undefined ? { errorCode: resolved.errorCode } : {}),
  });
  if (address === undefined) return result('notChecked', 'resolve');
  const where = { address, addressClass: classifyAddress(address) };

  // 2. connect
  const route = options.dialer.route(address, port);
  if ('refused' in route) {
    steps.push({ step: 'connect', outcome: 'failed', elapsedMs: 0, detail: `not dialed: ${route.refused}`, errorCode: 'ENOTDIALED' });
    return result('notChecked', 'connect', where);
  }
  const dialed = options.dialer.mode === 'direct' ? `${address}:${port}` : `${address}:${port} via ${route.host}:${route.port}`;
  let socket: net.Socket | undefined;
  let tlsSocket: tls.TLSSocket | undefined;
  const closeAll = (): void => {
    tlsSocket?.destroy();
    socket?.destroy();
  };
  try {
    let started = performance.now();
    const connected = await step<true | Failure>(timeouts.connect, options.signal, closeAll, (finish) => {
      socket = options.dialer.open(route);
      socket.once('connect', () => finish(true));
      socket.once('error', (error) => finish({ error }));
    });
    const connectMs = round(performance.now() - started);
    if (connected !== true) {
      const timedOut = connected === 'timeout' || connected === 'cancelled';
      const code = timedOut ? 'ETIMEDOUT' : codeOf(failureError(connected));
      steps.push({
        step: 'connect',
        outcome: timedOut ? 'timeout' : 'failed',
        elapsedMs: connectMs,
        detail: connected === 'timeout' ? l10n.t('no answer to TCP {0} within {1}', port, seconds(timeouts.connect)) : connected === 'cancelled' ? 'cancelled' : messageOf(failureError(connected)),
        ...(code !== undefined ? { errorCode: code } : {}),
      });
      const outcome = connected === 'cancelled' || code === 'ENOTDIALED' ? 'notChecked' : timedOut ? 'timeout' : connectOutcome(code);
      return result(outcome, 'connect', { ...where, dialed });
    }
    socket!.on('error', () => undefined); // the TLS socket reports what happens from here on
    steps.push({ step: 'connect', outcome: 'ok', elapsedMs: connectMs, detail: l10n.t('TCP {0} open to {1}', port, address) });

    // 3. TLS for the public name, verified for it.
    let certificateNames: string[] | undefined;
    started = performance.now();
    const secured = await step<true | Failure>(timeouts.tls, options.signal, closeAll, (finish) => {
      tlsSocket = tls.connect({
        socket: socket!,
        servername: host,
        ALPNProtocols: ['http/1.1'],
        ...(options.ca !== undefined ? { ca: [options.ca] } : {}),
        checkServerIdentity: (name, cert) => {
          certificateNames = (cert.subjectaltname ?? '').split(',').map((n) => n.trim().replace(/^DNS:/, '')).filter((n) => n !== '');
          return tls.checkServerIdentity(name, cert);
        },
      });
      tlsSocket.once('secureConnect', () => finish(true));
      tlsSocket.once('error', (error) => finish({ error }));
    });
    const tlsMs = round(performance.now() - started);
    const names = certificateNames !== undefined ? { certificateNames } : {};
    if (secured !== true) {
      const timedOut = secured === 'timeout' || secured === 'cancelled';
      const code = timedOut ? 'ETIMEDOUT' : codeOf(failureError(secured));
      steps.push({
        step: 'tls',
        outcome: timedOut ? 'timeout' : 'failed',
        elapsedMs: tlsMs,
        detail: secured === 'timeout' ? l10n.t('no TLS answer within {0}', seconds(timeouts.tls)) : secured === 'cancelled' ? 'cancelled' : messageOf(failureError(secured)),
        ...(code !== undefined ? { errorCode: code } : {}),
      });
      return result(secured === 'cancelled' ? 'notChecked' : timedOut ? 'timeout' : tlsOutcome(code), 'tls', { ...where, dialed, ...names });
    }
    tlsSocket!.on('error', () => undefined); // the request reports what happens from here on
    steps.push({ step: 'tls', outcome: 'ok', elapsedMs: tlsMs, detail: l10n.t('{0}, certificate valid for {1}{2}', tlsSocket!.getProtocol() ?? 'TLS', host, certificateNames ? ` (${certificateNames.join(', ')})` : '') });

    // 4. GET /v2/
    started = performance.now();
    const answered = await step<HttpAnswer | Failure>(timeouts.http, options.signal, closeAll, (finish) => {
      httpGet(tlsSocket!, host, '/v2/', { 'User-Agent': 'acr-private-link-check', Accept: 'application/json' }, maxBody).then(
        (a) => finish(readAnswer(a.status, a.headers, a.body)),
        (error: unknown) => finish({ error }),
      );
    });
    const httpMs = round(performance.now() - started);
    if (answered === 'timeout' || answered === 'cancelled' || isFailure(answered)) {
      const timedOut = answered === 'timeout' || answered === 'cancelled';
      const code = timedOut ? 'ETIMEDOUT' : codeOf(failureError(answered));
      steps.push({
        step: 'http',
        outcome: timedOut ? 'timeout' : 'failed',
        elapsedMs: httpMs,
        detail: answered === 'timeout' ? l10n.t('no answer to GET /v2/ within {0}', seconds(timeouts.http)) : answered === 'cancelled' ? 'cancelled' : messageOf(failureError(answered)),
        ...(code !== undefined ? { errorCode: code } : {}),
      });
      const outcome: ConnectivityOutcome = answered === 'cancelled' ? 'notChecked' : timedOut ? 'timeout' : code === 'ECONNRESET' || code === 'EPIPE' ? 'reset' : 'unexpectedAnswer';
      return result(outcome, 'http', { ...where, dialed, ...names });
    }
    steps.push({ step: 'http', outcome: 'ok', elapsedMs: httpMs, detail: `GET /v2/ → ${answerDetail(answered)}` });
    return result(classifyAnswer(role, answered), 'http', { ...where, dialed, ...names, http: answered });
  } finally {
    closeAll();
  }
}

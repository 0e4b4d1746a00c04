// The sandbox: a local, stateful Azure (ARM over HTTPS + DNS over UDP/TCP) for exactly the resources the
// extension touches. Never imports `vscode`.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArmServer } from './arm/server';
import { createCertificates } from './certs';
import { DnsServerViews, startDnsServer } from './dns/server';
import { buildScenario, DEFAULT_SCALE, isScenarioName, SCENARIO_NAMES, type ScaleOptions, type ScenarioName } from './scenarios';
import { loadState, saveState } from './state';
import { RegistryListeners } from './registryEndpoints/listeners';
import { isLoopbackHost } from '../common/loopback';

export interface SandboxOptions {
  port?: number;
  dnsPort?: number;
  scenario?: ScenarioName;
  scale?: ScaleOptions;
  stateFile?: string;
  /** The address to listen on; loopback (127.0.0.1) by default. */
  host?: string;
  /**
   * Listen on a host that is not loopback. The sandbox issues tokens to anyone and its control API
   * (/_sandbox/) has no authentication: anyone who reaches the port can read and change its state.
   */
  allowRemote?: boolean;
  /** Items per page of list operations (nextLink paging), also the most rows of a Resource Graph page; small values exercise paging in tests. */
  pageSize?: number;
}

export interface RunningSandbox {
  /** https://127.0.0.1:PORT */
  armEndpoint: string;
  /** "127.0.0.1:PORT" (UDP and TCP) */
  dnsServer: string;
  caCertPem: string;
  /** The CA certificate written to a temporary file (for tools that take a path). */
  caCertFile: string;
  tenantId: string;
  subscriptionIds: string[];
  close(): Promise<void>;
}

function scaleFrom(value: unknown): ScaleOptions {
  if (value === undefined || value === null) return DEFAULT_SCALE;
  const v = value as Partial<Record<keyof ScaleOptions, unknown>>;
  const n = (x: unknown, fallback: number): number => {
    if (x === undefined) return fallback;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new Error('scale values must be non-negative integers');
    return x;
  };
  return { subscriptions: n(v.subscriptions, DEFAULT_SCALE.subscriptions), registries: n(v.registries, DEFAULT_SCALE.registries), endpoints: n(v.endpoints, DEFAULT_SCALE.endpoints) };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new Error(`The sandbox listens on loopback only: ${host} is not a loopback address. Its token endpoint and control API (/_sandbox/) have no authentication, so anyone who reaches ${host} could read and change it; to listen there anyway, pass --allow-remote.`);
  }
  const certs = createCertificates(host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host, '127.0.0.1', 'localhost']);
  const initialScale = scaleFrom(options.scale);
  const persisted = options.stateFile ? loadState(options.stateFile) : undefined;
  const state = persisted ?? buildScenario(options.scenario ?? 'seed', initialScale);
  if (options.stateFile && !persisted) saveState(options.stateFile, state);

  // The per-server DNS listeners start after the ARM server (they read its state).
  const serverViews: { current?: DnsServerViews } = {};
  const arm = new ArmServer({
    host,
    port: options.port ?? 0,
    certPem: certs.certPem,
    keyPem: certs.keyPem,
    state,
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    dnsServerAddresses: () => serverViews.current?.addresses() ?? Promise.resolve({}),
    reset: (scenario, scale) => {
      if (!isScenarioName(scenario)) throw new Error(`'scenario' must be one of ${SCENARIO_NAMES.join(', ')}.`);
      return buildScenario(scenario, scale === undefined ? initialScale : scaleFrom(scale));
    },
  });
  const armEndpoint = await arm.listen();
  // Always on loopback, whatever --host says: they stand in for addresses a test must never dial.
  const listeners = new RegistryListeners(() => arm.state, certs.issue);
  arm.listeners = listeners;
  let dns;
  try {
    dns = await startDnsServer(() => arm.state, host, options.dnsPort ?? 0, arm.dnsFaults);
  } catch (e) {
    await arm.close();
    throw e;
  }
  const views = new DnsServerViews(() => arm.state, host, arm.dnsFaults);
  serverViews.current = views;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-sandbox-'));
  const caCertFile = path.join(dir, 'sandbox-ca.pem');
  fs.writeFileSync(caCertFile, certs.caCertPem);

  let closed = false;
  return {
    armEndpoint,
    dnsServer: `${host.includes(':') ? `[${host}]` : host}:${dns.port}`,
    caCertPem: certs.caCertPem,
    caCertFile,
    tenantId: arm.state.tenantId,
    subscriptionIds: arm.state.subscriptions.map((s) => s.subscriptionId),
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([arm.close(), dns.close(), listeners.close(), views.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { DNL, SEED, SUBSCRIPTION_DEV, SUBSCRIPTION_PRODUCTION, TENANT_ID } from './scenarios/ids';
export { REGISTRY_NETWORK } from './scenarios/registryNetwork';
export type { ScaleOptions, ScenarioName } from './scenarios';

// Command line: `npm run sandbox -- [--port N] [--dns-port N] [--scenario seed|empty|scale|custom-dns|custom-dns-forwarder|private-resolver|hub-spoke|nxdomain-redirect|registry-network|dnl]
// [--subscriptions N --registries N --endpoints N] [--page-size N] [--state FILE] [--ready-file FILE]
// [--host ADDRESS [--allow-remote]]`. A host that is not loopback is refused without --allow-remote:
// the control API (/_sandbox/) and the token endpoint have no authentication.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions } from './index';
import { isScenarioName, SCENARIO_NAMES } from './scenarios';
import { isLoopbackHost } from '../common/loopback';

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer, got '${value}'`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'dns-port': { type: 'string' },
      scenario: { type: 'string' },
      subscriptions: { type: 'string' },
      registries: { type: 'string' },
      endpoints: { type: 'string' },
      'page-size': { type: 'string' },
      state: { type: 'string' },
      'ready-file': { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
    },
    strict: true,
  });
  const scenario = values.scenario ?? 'seed';
  if (!isScenarioName(scenario)) throw new Error(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}, got '${scenario}'`);
  const options: SandboxOptions = { scenario };
  const port = int('port', values.port);
  const dnsPort = int('dns-port', values['dns-port']);
  const pageSize = int('page-size', values['page-size']);
  if (port !== undefined) options.port = port;
  if (dnsPort !== undefined) options.dnsPort = dnsPort;
  if (pageSize !== undefined) options.pageSize = pageSize;
  if (values.state) options.stateFile = values.state;
  if (values.host) options.host = values.host;
  if (values['allow-remote']) options.allowRemote = true;
  if (values.subscriptions || values.registries || values.endpoints) {
    options.scale = {
      subscriptions: int('subscriptions', values.subscriptions) ?? 3,
      registries: int('registries', values.registries) ?? 20,
      endpoints: int('endpoints', values.endpoints) ?? 2,
    };
  }

  const sandbox = await startSandbox(options);
  console.log(`ARM endpoint:  ${sandbox.armEndpoint}`);
  console.log(`DNS server:    ${sandbox.dnsServer} (udp+tcp)`);
  console.log(`CA cert file:  ${sandbox.caCertFile}`);
  console.log(`Tenant:        ${sandbox.tenantId}`);
  console.log(`Subscriptions: ${sandbox.subscriptionIds.join(', ')}`);
  console.log(`Control API:   ${sandbox.armEndpoint}/_sandbox/state (no authentication)`);
  console.log(`Registry endpoints: ${sandbox.armEndpoint}/_sandbox/listeners (a loopback listener per address)`);
  if (options.allowRemote && options.host && !isLoopbackHost(options.host)) {
    console.warn(`Warning: listening on ${options.host}: anyone who reaches it can get tokens and read, change or reset this sandbox through /_sandbox/.`);
  }
  const readyFile = values['ready-file'];
  if (readyFile) {
    const ready = { armEndpoint: sandbox.armEndpoint, dnsServer: sandbox.dnsServer, caCertFile: sandbox.caCertFile, tenantId: sandbox.tenantId, subscriptionIds: sandbox.subscriptionIds, pid: process.pid };
    fs.writeFileSync(readyFile, JSON.stringify(ready, null, 2));
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

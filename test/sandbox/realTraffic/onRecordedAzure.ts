// The extension's Azure layer pointed at a replay server: the same services the extension builds
// (createAzureServices: the real SDK clients, our pipeline, retry, loader and writes), trusting the
// replay server's CA through `tlsOptions` as the sandbox tests trust the sandbox's, and with a transport
// that refuses any host but loopback before connecting (recorded bodies name management.azure.com).

import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { createAzureServices, type AzureServices } from '../../../src/azure';
import { isLoopbackHost } from '../../../src/common/loopback';
import { cassetteFiles, readCassette, type Cassette, type Exchange } from './cassettes';
import { startReplayServer, type ReplayEntry, type ReplayServer } from './replayServer';

/** The replay server checks no token; the SDKs still want one. */
const credential: TokenCredential = {
  getToken: (): Promise<AccessToken> => Promise.resolve({ token: 'recorded-traffic', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

function loopbackOnly(inner: HttpClient): HttpClient {
  return {
    sendRequest: (request) => {
      const host = new URL(request.url).hostname;
      if (!isLoopbackHost(host)) return Promise.reject(new Error(`A test request to ${host} was refused: tests talk to loopback only.`));
      return inner.sendRequest(request);
    },
  };
}

export function servicesOn(server: ReplayServer): AzureServices {
  return createAzureServices({
    target: { endpoint: server.origin, credentialScopes: [`${server.origin}/.default`], caCertPem: server.caCertPem },
    credential,
    httpClient: loopbackOnly(createDefaultHttpClient()),
    inventorySource: 'arm',
    pollIntervalMs: 1,
    retry: { maxRetries: 0, baseDelayMs: 1 },
  });
}

const cassettes = new Map<string, Cassette>();

/** Recorded exchanges by reference: `privatedns/test_….yaml#12`. */
export function recorded(ref: string): Exchange {
  const file = ref.slice(0, ref.lastIndexOf('#'));
  const index = Number(ref.slice(ref.lastIndexOf('#') + 1));
  let cassette = cassettes.get(file);
  if (!cassette) {
    cassette = readCassette(file);
    cassettes.set(file, cassette);
  }
  const ex = cassette.exchanges[index];
  if (!ex) throw new Error(`no exchange ${ref}`);
  return ex;
}

/** Exchanges `from`..`to` of one recording (both included). */
export function recordedRange(file: string, from: number, to: number): Exchange[] {
  return Array.from({ length: to - from + 1 }, (_, i) => recorded(`${file}#${from + i}`));
}

export const haveRecordings = (): boolean => cassetteFiles().length > 0;

/** Every exchange a scenario's server served, and every request no recording answered, over the suite. */
export interface Figures {
  servers: ReplayServer[];
}

export async function replaying(entries: readonly (Exchange | ReplayEntry)[], figures: Figures): Promise<{ server: ReplayServer; azure: AzureServices }> {
  const server = await startReplayServer(entries);
  figures.servers.push(server);
  return { server, azure: servicesOn(server) };
}

// Where the checker talks to: Azure's public cloud by default, a custom ARM endpoint with an extra
// CA, or a local sandbox described by the JSON file it writes when ready.
import * as l10n from '@vscode/l10n';
import { CA_FILE_MAX_BYTES, readLimitedTextFile, READY_FILE_MAX_BYTES } from '../common/limitedFile';
import { isLoopbackHost } from '../common/loopback';
import { CheckAborted } from './exitCodes';
import { isHttpsUrl, type CheckOptions } from './args';

export const publicCloudEndpoint = 'https://management.azure.com';

export interface ArmConnection {
  endpoint: string;
  credentialScopes: string[];
  caCertPem?: string;
  tenantId?: string;
  /** The sandbox's DNS server: the default live resolver when talking to a sandbox. */
  sandboxDnsServer?: string;
  /** The sandbox issues tokens to anyone; a real cloud needs a real credential. */
  kind: 'azure' | 'sandbox';
}

interface SandboxReadyFile {
  armEndpoint: string;
  dnsServer?: string;
  caCertFile?: string;
  caCertPem?: string;
  tenantId?: string;
  subscriptionIds?: string[];
}

/** Only a regular file of a sensible size: a path like /dev/zero gives a clear error, never a hang. */
function readText(file: string, what: string, maxBytes: number): string {
  try {
    return readLimitedTextFile(file, { what, maxBytes });
  } catch (e) {
    throw new CheckAborted((e as Error).message);
  }
}

function readCa(file: string): string {
  const pem = readText(file, l10n.t('the CA file'), CA_FILE_MAX_BYTES);
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CheckAborted(l10n.t('{0} is not a PEM certificate.', file));
  return pem;
}

function readReadyFile(file: string): SandboxReadyFile {
  const text = readText(file, l10n.t('the sandbox ready file'), READY_FILE_MAX_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckAborted(l10n.t('{0} is not JSON; expected the sandbox\'s ready file ({ armEndpoint, dnsServer, caCertFile, … }).', file));
  }
  const v = value as Partial<SandboxReadyFile> | null;
  if (!v || typeof v.armEndpoint !== 'string' || !isHttpsUrl(v.armEndpoint)) {
    throw new CheckAborted(l10n.t('{0} has no https armEndpoint; is it the sandbox\'s ready file?', file));
  }
  return v as SandboxReadyFile;
}

/** A loopback endpoint is a local sandbox; anything else is a cloud that needs real sign-in. */
function isLoopback(endpoint: string): boolean {
  return isLoopbackHost(new URL(endpoint).hostname);
}

export function resolveConnection(options: CheckOptions): ArmConnection {
  if (options.sandboxReadyFile !== undefined) {
    const ready = readReadyFile(options.sandboxReadyFile);
    const endpoint = ready.armEndpoint.replace(/\/+$/, '');
    const caCertPem = ready.caCertPem ?? (ready.caCertFile !== undefined ? readCa(ready.caCertFile) : undefined);
    return {
      kind: 'sandbox',
      endpoint,
      credentialScopes: [`${endpoint}/.default`],
      ...(caCertPem !== undefined ? { caCertPem } : {}),
      ...(ready.tenantId !== undefined ? { tenantId: ready.tenantId } : {}),
      ...(ready.dnsServer !== undefined ? { sandboxDnsServer: ready.dnsServer } : {}),
    };
  }
  if (options.armEndpoint !== undefined) {
    const endpoint = options.armEndpoint;
    const caCertPem = options.caFile !== undefined ? readCa(options.caFile) : undefined;
    return {
      kind: isLoopback(endpoint) ? 'sandbox' : 'azure',
      endpoint,
      credentialScopes: [`${endpoint}/.default`],
      ...(caCertPem !== undefined ? { caCertPem } : {}),
      ...(options.tenant !== undefined ? { tenantId: options.tenant } : {}),
    };
  }
  return {
    kind: 'azure',
    endpoint: publicCloudEndpoint,
    credentialScopes: [`${publicCloudEndpoint}/.default`],
    ...(options.tenant !== undefined ? { tenantId: options.tenant } : {}),
  };
}

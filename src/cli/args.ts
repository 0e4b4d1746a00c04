// The command line: `check --registry <name> [--subscription <id>] [--resource-group <rg>]
// [--dns-server host:port] [--no-dns] [--json] [--fix --yes]` plus the sandbox / custom-cloud options.
import { parseArgs } from 'node:util';
import { parseDnsServer } from '../diagnosis';

export interface CheckOptions {
  registry: string;
  subscription?: string;
  resourceGroup?: string;
  dnsServer?: string;
  /** Skip the live DNS queries (for machines outside the VNet that only want the configuration checked). */
  skipDns: boolean;
  json: boolean;
  fix: boolean;
  /** Also try to connect: TCP 443, TLS and GET /v2/ to the login server and every data endpoint. */
  connect?: boolean;
  armEndpoint?: string;
  caFile?: string;
  sandboxReadyFile?: string;
  tenant?: string;
  /** The overall deadline of the check (and of each fix plan and the re-check), in ms; default DEFAULT_TIMEOUT_S. */
  timeoutMs?: number;
  /** How long one HTTP request may take, in ms; default DEFAULT_REQUEST_TIMEOUT_S. */
  requestTimeoutMs?: number;
}

/** Defaults that fit ARM: it gives up on a request after about 60 s, and long-running writes take minutes. */
export const DEFAULT_TIMEOUT_S = 300;
export const DEFAULT_REQUEST_TIMEOUT_S = 60;
const MAX_TIMEOUT_S = 3600;

export type ParsedCommand = { kind: 'check'; options: CheckOptions } | { kind: 'help' } | { kind: 'usageError'; message: string };

export const usage = `Usage: acr-private-link check --registry <name> [options]

Checks a registry's private endpoints, approvals and privatelink.azurecr.io DNS records, and
what this machine's DNS actually answers.

Options:
  --registry <name>          registry name (required)
  --subscription <id>        look only in this subscription
  --resource-group <rg>      look only in this resource group
  --dns-server <host:port>   ask this DNS server instead of the system's
  --no-dns                   skip live DNS queries; check Azure's configuration only
  --connect                  also connect to the login server and every data endpoint from this machine:
                             resolve, TCP 443 to the address, TLS verified for the public name, GET /v2/
                             (401 with the Bearer challenge: reachable; 403 DENIED: the request reached the
                             public endpoint); each step timed, none longer than 5 s (GET /v2/: 10 s)
  --json                     print the findings and the per-FQDN table as JSON
  --fix --yes                apply every safe fix, then check again: create A records, add IPs to them,
                             create and link zones, and remove an IP from a record only when no private
                             endpoint serves it (as read in this check, with no endpoint or network
                             interface read failing); never deletes a record set or approves a connection
  --timeout <seconds>        give up on the check (and on each fix) after this long (default ${DEFAULT_TIMEOUT_S})
  --request-timeout <sec>    give up on one Azure request after this long (default ${DEFAULT_REQUEST_TIMEOUT_S}); reads are tried again
  --tenant <id>              tenant for the Azure credential
  --arm-endpoint <url>       Azure Resource Manager endpoint (default https://management.azure.com)
  --ca-file <file>           extra CA certificate (PEM) to trust for --arm-endpoint
  --sandbox-ready-file <f>   connect to a local sandbox described by this JSON file
  -h, --help                 show this help

Every wait before a retry (Azure throttling, a failed or unanswered read) is told on stderr.
Exit codes: 0 healthy (everything was read and verified), 1 errors found (at least one error
proven from what was read), 2 could not check (no error proven, but a read failed or a verdict is
unknown; or the check could not run). A read that fails is reported as such, never as "missing",
and --fix writes nothing that depends on it.`;

/** An https URL that parses (`https://` alone, or `https://[x`, is not one). */
export function isHttpsUrl(text: string): boolean {
  if (!/^https:\/\//i.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

export function parseCommand(argv: string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        registry: { type: 'string' },
        subscription: { type: 'string' },
        'resource-group': { type: 'string' },
        'dns-server': { type: 'string' },
        'no-dns': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        connect: { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        tenant: { type: 'string' },
        timeout: { type: 'string' },
        'request-timeout': { type: 'string' },
        'arm-endpoint': { type: 'string' },
        'ca-file': { type: 'string' },
        'sandbox-ready-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return { kind: 'usageError', message: e instanceof Error ? e.message : String(e) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'check') {
    return { kind: 'usageError', message: command === undefined ? 'Missing the command: check.' : `Unknown command '${command}'; the only command is check.` };
  }
  if (extra.length > 0) return { kind: 'usageError', message: `Unexpected argument '${extra[0]}'.` };

  const registry = values.registry?.trim();
  if (!registry) return { kind: 'usageError', message: '--registry <name> is required.' };
  if (!/^[a-zA-Z0-9]{5,50}$/.test(registry)) {
    return { kind: 'usageError', message: `'${registry}' is not a registry name: 5 to 50 letters and digits (the first label of <name>.azurecr.io).` };
  }
  if (values.fix && !values.yes) {
    return {
      kind: 'usageError',
      message: '--fix changes Azure resources; add --yes to confirm. Run without --fix first to see what would be written.',
    };
  }
  if (values.yes && !values.fix) return { kind: 'usageError', message: '--yes only confirms --fix.' };
  let dnsServer: string | undefined;
  if (values['dns-server'] !== undefined) {
    dnsServer = parseDnsServer(values['dns-server']);
    if (dnsServer === undefined) return { kind: 'usageError', message: `--dns-server '${values['dns-server']}' is not an IP address with an optional port (e.g. 10.0.0.4:53).` };
    if (values['no-dns']) return { kind: 'usageError', message: '--dns-server and --no-dns contradict each other.' };
  }
  if (values.connect && values['no-dns']) return { kind: 'usageError', message: '--connect resolves each name first; drop --no-dns.' };
  if (values['arm-endpoint'] !== undefined && !isHttpsUrl(values['arm-endpoint'])) {
    return { kind: 'usageError', message: `--arm-endpoint must be an https:// URL (got '${values['arm-endpoint']}').` };
  }
  if (values['sandbox-ready-file'] !== undefined && values['arm-endpoint'] !== undefined) {
    return { kind: 'usageError', message: '--sandbox-ready-file already names the endpoint; drop --arm-endpoint.' };
  }
  if (values['ca-file'] !== undefined && values['arm-endpoint'] === undefined) {
    return { kind: 'usageError', message: '--ca-file only applies with --arm-endpoint.' };
  }

  const timeout = seconds('--timeout', values.timeout, DEFAULT_TIMEOUT_S);
  if (typeof timeout === 'string') return { kind: 'usageError', message: timeout };
  const requestTimeout = seconds('--request-timeout', values['request-timeout'], DEFAULT_REQUEST_TIMEOUT_S);
  if (typeof requestTimeout === 'string') return { kind: 'usageError', message: requestTimeout };

  const options: CheckOptions = {
    registry: registry.toLowerCase(),
    skipDns: values['no-dns'] ?? false,
    json: values.json ?? false,
    fix: values.fix ?? false,
    connect: values.connect ?? false,
    timeoutMs: timeout * 1000,
    requestTimeoutMs: requestTimeout * 1000,
  };
  if (values.subscription) options.subscription = values.subscription.trim();
  if (values['resource-group']) options.resourceGroup = values['resource-group'].trim();
  if (dnsServer !== undefined) options.dnsServer = dnsServer;
  if (values['arm-endpoint']) options.armEndpoint = values['arm-endpoint'].replace(/\/+$/, '');
  if (values['ca-file']) options.caFile = values['ca-file'];
  if (values['sandbox-ready-file']) options.sandboxReadyFile = values['sandbox-ready-file'];
  if (values.tenant) options.tenant = values.tenant;
  return { kind: 'check', options };
}

/** A number of seconds in (0, 3600], decimals allowed (`0.5`); a message when it is not one. */
function seconds(flag: string, value: string | undefined, fallback: number): number | string {
  if (value === undefined) return fallback;
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_S) return `${flag} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S} (got '${value}').`;
  return n;
}

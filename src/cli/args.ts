// The command line: `check --registry <name> [--subscription <id>] [--resource-group <rg>]
// [--dns-server host:port] [--no-dns] [--json] [--fix --yes]` plus the sandbox / custom-cloud options.
import { parseArgs } from 'node:util';
import * as l10n from '@vscode/l10n';
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

/** The help text, in the checker's language (src/cli/language.ts). */
export function usage(): string {
  return l10n.t(
    'Usage: acr-private-link check --registry <name> [options]\n\nChecks a registry\'s private endpoints, approvals and privatelink.azurecr.io DNS records, and\nwhat this machine\'s DNS actually answers.\n\nOptions:\n  --registry <name>          registry name, or its login server (myregistry-<hash>.azurecr.io for a\n                             registry with a domain name label scope) (required)\n  --subscription <id>        look only in this subscription\n  --resource-group <rg>      look only in this resource group\n  --dns-server <host:port>   ask this DNS server instead of the system\'s\n  --no-dns                   skip live DNS queries; check Azure\'s configuration only\n  --connect                  also connect to the login server and every data endpoint from this machine:\n                             resolve, TCP 443 to the address, TLS verified for the public name, GET /v2/\n                             (401 with the Bearer challenge: reachable; 403 DENIED: the request reached the\n                             public endpoint); each step timed, none longer than 5 s (GET /v2/: 10 s)\n  --json                     print the findings and the per-FQDN table as JSON\n  --fix --yes                apply every safe fix, then check again: create A records, add IPs to them,\n                             create and link zones, and remove an IP from a record only when no private\n                             endpoint serves it (as read in this check, with no endpoint or network\n                             interface read failing); never deletes a record set or approves a connection\n  --timeout <seconds>        give up on the check (and on each fix) after this long (default {0})\n  --request-timeout <sec>    give up on one Azure request after this long (default {1}); reads are tried again\n  --tenant <id>              tenant for the Azure credential\n  --arm-endpoint <url>       Azure Resource Manager endpoint (default https://management.azure.com)\n  --ca-file <file>           extra CA certificate (PEM) to trust for --arm-endpoint\n  --sandbox-ready-file <f>   connect to a local sandbox described by this JSON file\n  --lang <en|zh-tw>          the language of the output (default: LC_ALL, LC_MESSAGES or LANG)\n  -h, --help                 show this help\n\nEvery wait before a retry (Azure throttling, a failed or unanswered read) is told on stderr.\nExit codes: 0 healthy (everything was read and verified), 1 errors found (at least one error\nproven from what was read), 2 could not check (no error proven, but a read failed or a verdict is\nunknown; or the check could not run). A read that fails is reported as such, never as "missing",\nand --fix writes nothing that depends on it.',
    DEFAULT_TIMEOUT_S,
    DEFAULT_REQUEST_TIMEOUT_S,
  );
}

/** An https URL that parses (`https://` alone, or `https://[x`, is not one). */
export function isHttpsUrl(text: string): boolean {
  if (!/^https:\/\//i.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

/** The options the checker takes; `seconds` marks the ones whose value is a number of seconds. */
const optionSpecs = {
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
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
const secondsOptions: ReadonlySet<string> = new Set(['timeout', 'request-timeout']);

/**
 * Checks each option's shape before util.parseArgs sees it, so every mistake gets one sentence of
 * ours: an unknown option, a value missing or given to a switch. A value that starts with a dash is
 * taken as the option's value when it is a number (`--timeout -5`), so the number's own check names
 * what is allowed; any other dash means the value was forgotten. Returns the arguments with such
 * numbers joined to their option (`--timeout=-5`), or the message.
 */
function normalizeArguments(argv: string[]): string[] | string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return [...out, ...argv.slice(i)];
    if (!token.startsWith('-') || token === '-') {
      out.push(token);
      continue;
    }
    if (token === '-h') {
      out.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const flag = eq < 0 ? token : token.slice(0, eq);
    const name = flag.startsWith('--') ? flag.slice(2) : undefined;
    const spec = name !== undefined && Object.hasOwn(optionSpecs, name) ? optionSpecs[name as keyof typeof optionSpecs] : undefined;
    if (name === undefined || spec === undefined) return l10n.t("Unknown option '{0}'.", flag);
    if (spec.type === 'boolean') {
      if (eq >= 0) return l10n.t("{0} takes no value (got '{1}').", flag, token);
      out.push(token);
      continue;
    }
    if (eq >= 0) {
      out.push(token);
      continue;
    }
    const value = argv[i + 1];
    const isNumber = value !== undefined && value.trim() !== '' && Number.isFinite(Number(value));
    if (value === undefined || (value.startsWith('-') && !isNumber)) {
      if (secondsOptions.has(name)) return l10n.t('{0} needs a value: a number of seconds above 0 and at most {1}.', flag, MAX_TIMEOUT_S);
      return value === undefined ? l10n.t('{0} needs a value.', flag) : l10n.t("{0} needs a value; '{1}' is an option.", flag, value);
    }
    out.push(`${flag}=${value}`);
    i++;
  }
  return out;
}

export function parseCommand(argv: string[]): ParsedCommand {
  const args = normalizeArguments(argv);
  if (typeof args === 'string') return { kind: 'usageError', message: args };
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: optionSpecs });
  } catch (e) {
    return { kind: 'usageError', message: e instanceof Error ? e.message : String(e) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'check') {
    return { kind: 'usageError', message: command === undefined ? l10n.t('Missing the command: check.') : l10n.t("Unknown command '{0}'; the only command is check.", command) };
  }
  if (extra.length > 0) return { kind: 'usageError', message: l10n.t("Unexpected argument '{0}'.", extra[0]!) };

  const registry = values.registry?.trim();
  if (!registry) return { kind: 'usageError', message: l10n.t('--registry <name> is required.') };
  if (!/^[a-zA-Z0-9]{5,50}(?:-[a-zA-Z0-9]{1,32})?(?:\.[a-zA-Z0-9-]{1,63}){0,4}$/.test(registry)) {
    return {
      kind: 'usageError',
      message: l10n.t("'{0}' is not a registry name (5 to 50 letters and digits) or login server (<name>.azurecr.io, or <name>-<hash>.azurecr.io with a domain name label scope).", registry),
    };
  }
  if (values.fix && !values.yes) {
    return {
      kind: 'usageError',
      message: l10n.t('--fix changes Azure resources; add --yes to confirm. Run without --fix first to see what would be written.'),
    };
  }
  if (values.yes && !values.fix) return { kind: 'usageError', message: l10n.t('--yes only confirms --fix.') };
  let dnsServer: string | undefined;
  if (values['dns-server'] !== undefined) {
    dnsServer = parseDnsServer(values['dns-server']);
    if (dnsServer === undefined) return { kind: 'usageError', message: l10n.t("--dns-server '{0}' is not an IP address with an optional port (e.g. 10.0.0.4:53).", values['dns-server']) };
    if (values['no-dns']) return { kind: 'usageError', message: l10n.t('--dns-server and --no-dns contradict each other.') };
  }
  if (values.connect && values['no-dns']) return { kind: 'usageError', message: l10n.t('--connect resolves each name first; drop --no-dns.') };
  if (values['arm-endpoint'] !== undefined && !isHttpsUrl(values['arm-endpoint'])) {
    return { kind: 'usageError', message: l10n.t("--arm-endpoint must be an https:// URL (got '{0}').", values['arm-endpoint']) };
  }
  if (values['sandbox-ready-file'] !== undefined && values['arm-endpoint'] !== undefined) {
    return { kind: 'usageError', message: l10n.t('--sandbox-ready-file already names the endpoint; drop --arm-endpoint.') };
  }
  if (values['ca-file'] !== undefined && values['arm-endpoint'] === undefined) {
    return { kind: 'usageError', message: l10n.t('--ca-file only applies with --arm-endpoint.') };
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
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_S) return l10n.t("{0} must be a number of seconds above 0 and at most {1} (got '{2}').", flag, MAX_TIMEOUT_S, value);
  return n;
}

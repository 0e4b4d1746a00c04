// The headless checker, `acr-private-link check --registry <name>`: the same engine as the editor,
// for the VM inside the VNet and for pipelines. Exit codes: see exitCodes.ts.
import { DEFAULT_REQUEST_TIMEOUT_S, DEFAULT_TIMEOUT_S, parseCommand, usage, type CheckOptions } from './args';
import type { BackendSettings } from './azureBackend';
import { runCheck, type CheckBackend, type CheckRun } from './check';
import { CheckAborted, exitCodeFor, exitCodes, type ExitCode } from './exitCodes';
import { azureVnetDnsResolver, readSandboxDnsServers, sandboxVnetDnsResolver } from '../common/vnetDnsServers';
import { resolveConnection, type ArmConnection } from './target';
import { renderOutcomes, renderText } from './textOutput';
import { clause } from '../common/sentence';
import { directDialer, fetchSandboxListeners, sandboxDialer, type Dialer } from '../diagnosis';
import * as l10n from '@vscode/l10n';
import { chooseLanguage, languages, useLanguage } from './language';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export type BackendFactory = (connection: ArmConnection, settings: BackendSettings) => Promise<CheckBackend>;

const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** The Azure layer is loaded only when a check really runs, so `--help` and bad arguments answer at once. */
const azureBackend: BackendFactory = async (connection, settings) => (await import('./azureBackend')).createAzureBackend(connection, settings);

/** One stderr line per wait before a retry (the describing code comes with the Azure layer). */
async function retryReporter(io: CliIo): Promise<BackendSettings['onRetry']> {
  const { describeRetry } = await import('../azure/retryPolicy');
  return (info) => io.stderr(`${describeRetry(info)}\n`);
}

/**
 * Runs one command. `signal` (Ctrl-C, when run from a terminal) stops the check where it is: it ends
 * as "could not check".
 */
export async function main(argv: string[], io: CliIo = processIo, createBackend: BackendFactory = azureBackend, signal?: AbortSignal, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const language = chooseLanguage(argv, env);
  useLanguage('language' in language ? language.language : 'en');
  if ('unknown' in language) {
    io.stderr(`${l10n.t("--lang '{0}' is not a language the checker speaks ({1}).", language.unknown, languages.join(', '))}\n\n${usage()}\n`);
    return exitCodes.couldNotCheck;
  }
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    io.stdout(`${usage()}\n`);
    return exitCodes.healthy;
  }
  if (command.kind === 'usageError') {
    io.stderr(`${command.message}\n\n${usage()}\n`);
    return exitCodes.couldNotCheck;
  }
  try {
    const options = command.options;
    const connection = resolveConnection(options);
    const effective: CheckOptions =
      options.dnsServer === undefined && !options.skipDns && connection.sandboxDnsServer !== undefined
        ? { ...options, dnsServer: connection.sandboxDnsServer }
        : options;
    const backend = await createBackend(connection, {
      operationTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_S * 1000,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_S * 1000,
      onRetry: await retryReporter(io),
    });
    // A VNet's own DNS servers: dialled by IP against Azure; against the sandbox, only the loopback
    // listeners it publishes for them.
    const vnetDnsResolverFor =
      connection.kind === 'sandbox'
        ? sandboxVnetDnsResolver(options.skipDns ? {} : await readSandboxDnsServers(connection.endpoint, connection.caCertPem, signal))
        : azureVnetDnsResolver;
    const run = await runCheck(effective, { backend, vnetDnsResolverFor, ...(signal ? { signal } : {}), ...(options.connect ? { connectivity: () => connectivityFor(connection) } : {}) });
    print(run, effective, io);
    return exitCodeFor(run.report.summary.result);
  } catch (e) {
    if (signal?.aborted) {
      io.stderr(l10n.t('Could not check: cancelled.\n'));
      return exitCodes.couldNotCheck;
    }
    io.stderr(l10n.t('Could not check: {0}\n', describeFailure(e)));
    return exitCodes.couldNotCheck;
  }
}

/** In Azure this machine dials the addresses; against a sandbox, only the loopback listeners it publishes for them. */
async function connectivityFor(connection: ArmConnection): Promise<{ dialer: Dialer; ca?: string }> {
  if (connection.kind === 'azure') return { dialer: directDialer() };
  const listeners = await fetchSandboxListeners(connection.endpoint, connection.caCertPem);
  return { dialer: sandboxDialer(listeners), ...(connection.caCertPem !== undefined ? { ca: connection.caCertPem } : {}) };
}

function print(run: CheckRun, options: CheckOptions, io: CliIo): void {
  if (options.json) {
    const fixes = run.fixes ? { fixes: run.fixes, ...(run.before ? { before: run.before.summary } : {}) } : {};
    io.stdout(`${JSON.stringify({ ...run.report, ...fixes }, null, 2)}\n`);
    return;
  }
  if (run.fixes) {
    if (run.before) io.stdout(l10n.t('Before the fixes:\n{0}\n', renderText(run.before)));
    io.stdout(`Fixes:\n${renderOutcomes(run.fixes.flatMap((f) => f.outcomes))}\n`);
    if (run.before) io.stdout(l10n.t('After the fixes:\n'));
  }
  io.stdout(renderText(run.report));
}

/** One line a person can act on, whatever failed underneath; it ends with exactly one period. */
export function describeFailure(e: unknown): string {
  if (e instanceof CheckAborted) return e.message;
  const loadError = (e as { loadError?: { scope: string; what: string; status?: number; code?: string; message: string } }).loadError;
  if (loadError) {
    // The read's own failure (the credential, the network, TLS) tells what to do about it.
    const advice = adviceFor((e as { cause?: unknown }).cause);
    const status = loadError.status === 401 || loadError.status === 403 ? l10n.t(' (check your role assignments and sign-in)') : '';
    return l10n.t('could not read {0} at {1}: {2}{3}{4}{5}.', loadError.what, loadError.scope, clause(loadError.message), codeSuffix(loadError.code, loadError.message), status, advice ? `; ${advice}` : '');
  }
  const err = e as { code?: string; statusCode?: number; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (code === 'RequestTimeout' || code === 'OperationTimedOut') return `${clause(err.message)} [${code}].`;
  const advice = adviceFor(e);
  if (advice) return `${clause(err.message)}${codeSuffix(code, err.message ?? '')}; ${advice}.`;
  if (err.statusCode === 401 || err.statusCode === 403) return l10n.t('Azure refused the request ({0}): {1}.', err.statusCode, clause(err.message));
  return `${clause(err.message ?? String(e))}.`;
}

/** ` [CODE]` when the message does not already say it. */
function codeSuffix(code: string | undefined, message: string): string {
  return code !== undefined && !message.includes(code) ? ` [${code}]` : '';
}

const credentialErrors = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError']);
const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']);
const untrustedCertificateCodes = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

/** What to do about a failed credential, an unreachable endpoint or an untrusted certificate; nothing for anything else. */
function adviceFor(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const err = e as { name?: string; code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (err.name !== undefined && credentialErrors.has(err.name)) {
    return l10n.t("no Azure credential worked: sign in with 'az login' or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET");
  }
  if (code !== undefined && networkCodes.has(code)) return l10n.t('Azure Resource Manager is unreachable from this machine');
  if (code !== undefined && untrustedCertificateCodes.has(code)) {
    return l10n.t("the endpoint's TLS certificate is not trusted: pass the CA that issued it with --arm-endpoint <url> --ca-file <pem>");
  }
  return undefined;
}

if (require.main === module) {
  // The first Ctrl-C stops the check (it ends as "could not check"); a second one ends the process.
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(exitCodes.couldNotCheck);
    controller.abort();
  });
  main(process.argv.slice(2), processIo, azureBackend, controller.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(l10n.t('Could not check: {0}\n', describeFailure(e)));
      process.exitCode = exitCodes.couldNotCheck;
    },
  );
}

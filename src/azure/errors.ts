// Failed reads become LoadError entries the tree and the CLI show next to what did load. Messages come
// from ARM's error body; headers are never looked at, and anything token-like is masked in case a
// proxy or an identity library echoed one into a message.
import * as l10n from '@vscode/l10n';
import { clause } from '../common/sentence';
import { readWhat, type LoadError, type ReadKind, type ResourceId } from '../model/types';

interface RestErrorLike {
  name?: string;
  message?: string;
  statusCode?: number;
  code?: string;
}

const TOKEN_PATTERNS: RegExp[] = [
  /Bearer\s+[A-Za-z0-9._~+/=-]+/gi,
  // A JWT: three base64url parts, the first starting with `eyJ` ({" encoded).
  /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  /(access_token|refresh_token|client_secret)=[^&\s]+/gi,
];

export function maskSecrets(message: string): string {
  return TOKEN_PATTERNS.reduce((m, pattern) => m.replace(pattern, (hit) => (hit.toLowerCase().startsWith('bearer') ? 'Bearer ***' : hit.includes('=') ? `${hit.split('=')[0]}=***` : '***')), message);
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

export function httpStatusOf(e: unknown): number | undefined {
  const status = (e as RestErrorLike | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Azure's error code (`AuthorizationFailed`, `ResourceNotFound`, …), when the error carries one. */
export function errorCodeOf(e: unknown): string | undefined {
  const code = (e as RestErrorLike | undefined)?.code ?? armErrorBody(e)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** A connection reset, a refused connection, a body that is not JSON: the code Node or the SDK gave it. */
function networkCodeOf(e: unknown): string | undefined {
  const code = (e as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.length > 500 ? `${line.slice(0, 497)}…` : line;
}

/** ARM's own error body, which some SDK errors carry only in `details` (e.g. failed pages). */
function armErrorBody(e: unknown): { code?: string; message?: string } | undefined {
  const details = (e as { details?: { error?: { code?: unknown; message?: unknown } } } | undefined)?.details;
  const error = details?.error;
  if (!error || typeof error !== 'object') return undefined;
  return {
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
    ...(typeof error.message === 'string' ? { message: error.message } : {}),
  };
}

interface ArmErrorDetail {
  code?: unknown;
  message?: unknown;
  line?: unknown;
  characterPositionInLine?: unknown;
  token?: unknown;
}

/**
 * The message of an ARM error body (`{ code, message, details }`) a person can act on. Some services
 * put the reason in `details` only: Resource Graph answers an invalid query with "Please provide below
 * info when asking for support: timestamp = …, correlationId = …." and the reason ("Query is invalid…",
 * the parser's position) in its details; the reason comes first, the support line after it.
 */
export function armErrorText(error: { message?: unknown; details?: unknown }): string | undefined {
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : undefined;
  const details = (Array.isArray(error.details) ? (error.details as ArmErrorDetail[]) : []).flatMap((d) => {
    const code = typeof d.code === 'string' ? d.code : '';
    const text = typeof d.message === 'string' && d.message !== code ? `${clause(d.message)} (${code})` : code;
    if (!text) return [];
    const at = typeof d.line === 'number' && typeof d.characterPositionInLine === 'number' ? l10n.t('{0} at line {1}, position {2}', text, d.line, d.characterPositionInLine) : text;
    return [typeof d.token === 'string' && d.token !== '' ? l10n.t('{0}, near {1}', at, d.token) : at];
  });
  if (details.length === 0) return message;
  return `${details.join('; ')}.${message ? ` ${message}` : ''}`;
}

export function errorMessageOf(e: unknown): string {
  const body = armErrorBody(e);
  if (body?.message) return maskSecrets(firstLine(body.code ? `${body.message} (${body.code})` : body.message));
  // Some SDK paths keep only the status and ARM's error code; say those rather than a generic line.
  const generic = /^(Pagination failed with unexpected statusCode|Unexpected status code)/.exec((e as RestErrorLike | undefined)?.message ?? '');
  const code = errorCodeOf(e);
  if (generic && code) return l10n.t('Azure answered {0} {1}.', httpStatusOf(e) ?? l10n.t('an error'), code);
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)) {
    const message = (e as RestErrorLike).message;
    if (typeof message === 'string' && message !== '') return maskSecrets(firstLine(message));
  }
  return maskSecrets(firstLine(String(e)));
}

export function toLoadError(scope: ResourceId, read: ReadKind, e: unknown): LoadError {
  const status = httpStatusOf(e);
  const code = errorCodeOf(e) ?? networkCodeOf(e);
  return {
    scope,
    read,
    what: readWhat[read],
    ...(status !== undefined ? { status } : {}),
    ...(code !== undefined ? { code } : {}),
    message: errorMessageOf(e),
  };
}

/** Thrown by the loader's single-scope reads (a subscription's registries, …) so a caller can show `loadError` on that node. */
export class ArmLoadError extends Error {
  /** `cause`: the error the read failed with, so a caller can tell a credential or TLS failure apart. */
  constructor(readonly loadError: LoadError, cause?: unknown) {
    super(loadError.message, cause === undefined ? undefined : { cause });
    this.name = 'ArmLoadError';
  }
}

/**
 * Codes of the errors our own limits raise (Azure's own codes come through as Azure sent them):
 * - `RequestTimeout`: one HTTP request got no (complete) answer within the request timeout;
 * - `OperationTimedOut`: an operation (a tree level, a registry's details, a check, a write plan) did
 *   not finish within its overall deadline.
 * A request throttled for longer than we wait keeps Azure's status (429, or 503) and code
 * (`TooManyRequests` when Azure gave none) and says how long Azure asked to wait.
 */
export const REQUEST_TIMEOUT = 'RequestTimeout';
export const OPERATION_TIMED_OUT = 'OperationTimedOut';

/** An error shaped like the SDKs' RestError, so every caller reads its status, code and message alike. */
export class ArmLimitError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

/** The code of a list read whose 2xx answer holds no `value` array (an HTML page, `{}`, `"value": null`). */
export const INVALID_LIST_ANSWER = 'InvalidListAnswer';

/**
 * A list whose answer is not a list: never taken as an empty one, which would make every zone, link
 * or record "missing". A proxy's or a gateway's 200 page, or a body cut to `{}`, fails the read instead.
 */
export function invalidListAnswer(status: number, url: string): ArmLimitError {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').replace(/\?.*$/, '');
  return new ArmLimitError(l10n.t('Azure answered {0} to the list {1} without a list of items in it, so the list was not read.', status, path), INVALID_LIST_ANSWER, status);
}

/** Whether an error is a timeout of ours (a request's or an operation's). */
export function isTimeoutError(e: unknown): boolean {
  const code = errorCodeOf(e);
  return code === REQUEST_TIMEOUT || code === OPERATION_TIMED_OUT;
}

/** `12 s`, `1.5 s`, `250 ms`: how long, as people read it. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) || s >= 10 ? Math.round(s) : s.toFixed(1)} s`;
}

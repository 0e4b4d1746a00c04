// Every write sent to ARM, with Azure's answer and its request id: what the Output channel says a
// write did (what, where, the result) and what a support case asks for. Only the method, the path,
// the status and the request id headers are kept: no other header, no body, so no token can reach
// the log. A write whose connection is reset before Azure answered may have been applied: its error
// says so, and the caller reads the resource again.
import * as l10n from '@vscode/l10n';
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import { errorCodeOf, errorMessageOf, httpStatusOf, isAbortError } from './errors';

export interface WriteRecord {
  method: string;
  /** The resource path, without the query. */
  path: string;
  /** Azure's status, or undefined when no answer came. */
  status?: number;
  /** `x-ms-request-id` (or the correlation id) Azure sent with the answer. */
  requestId?: string;
  /** Why the write failed (Azure's error code and message, or the network's). */
  error?: string;
}

/** POSTs that only read: Resource Graph queries, name availability, usages. */
const READ_POSTS = /\/providers\/Microsoft\.ResourceGraph\/resources$|\/checkNameAvailability$|\/listUsages$|\/listCredentials$/i;

export function isWrite(method: string, path: string): boolean {
  const m = method.toUpperCase();
  if (m === 'PUT' || m === 'PATCH' || m === 'DELETE') return true;
  return m === 'POST' && !READ_POSTS.test(path);
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** The connection broke after the request went out: Azure may have applied it. */
export function isResetAfterSend(e: unknown): boolean {
  if (isAbortError(e)) return false;
  const err = e as { code?: unknown; cause?: { code?: unknown }; message?: unknown } | undefined;
  const code = typeof err?.code === 'string' ? err.code : typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
  if (code !== undefined && RESET_CODES.has(code)) return true;
  return typeof err?.message === 'string' && /socket hang up|ECONNRESET/i.test(err.message);
}

/** A write whose answer was lost: it may or may not have been applied. */
export class WriteOutcomeUnknownError extends Error {
  readonly code: string;
  constructor(method: string, path: string, cause: unknown) {
    super(l10n.t('The connection was reset before Azure answered {0} {1}: the write may have been applied. Read the resource again to see what Azure holds.', method, path));
    this.name = 'WriteOutcomeUnknownError';
    this.code = 'ECONNRESET';
    this.cause = cause;
  }
}

function pathOf(request: PipelineRequest): string {
  try {
    return decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return request.url.split('?')[0] ?? request.url;
  }
}

export function writeLogPolicy(onWrite: (record: WriteRecord) => void): PipelinePolicy {
  return {
    name: 'armWriteLogPolicy',
    async sendRequest(request, next) {
      const path = pathOf(request);
      if (!isWrite(request.method, path)) return next(request);
      try {
        const response = await next(request);
        const requestId = response.headers.get('x-ms-request-id') ?? response.headers.get('x-ms-correlation-request-id');
        const error = response.status >= 400 ? bodyError(response.bodyAsText) : undefined;
        onWrite({ method: request.method, path, status: response.status, ...(requestId ? { requestId } : {}), ...(response.status >= 400 ? { error: error ?? l10n.t('no error body') } : {}) });
        return response;
      } catch (e) {
        const reset = isResetAfterSend(e);
        const status = httpStatusOf(e);
        const requestId = (e as { response?: { headers?: { get(name: string): string | undefined } } }).response?.headers?.get('x-ms-request-id');
        const code = errorCodeOf(e);
        onWrite({
          method: request.method,
          path,
          ...(status !== undefined ? { status } : {}),
          ...(requestId ? { requestId } : {}),
          error: reset ? l10n.t('connection reset before Azure answered; it may have been applied') : isAbortError(e) ? 'cancelled' : `${code ? `${code}: ` : ''}${errorMessageOf(e)}`,
        });
        throw reset ? new WriteOutcomeUnknownError(request.method, path, e) : e;
      }
    },
  };
}

/** `Code: message` from ARM's error body, token-like text masked. */
function bodyError(text: string | null | undefined): string | undefined {
  try {
    const error = (JSON.parse(text ?? '') as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (!error) return undefined;
    return errorMessageOf({ details: { error } });
  } catch {
    return undefined;
  }
}

/** HTTP's reason phrases: protocol words, kept as they are in every language. */
const STATUS_WORDS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/** One line for the Output channel: `PUT /subscriptions/…/A/myregistry → 200 OK (request id …)`. */
export function describeWriteRecord(record: WriteRecord): string {
  const { method, path, status, error, requestId } = record;
  const answer = `${status ?? ''} ${STATUS_WORDS[status ?? 0] ?? ''}`.trim();
  const line =
    error !== undefined
      ? status !== undefined
        ? l10n.t('{0} {1} → failed ({2}): {3}', method, path, status, error)
        : l10n.t('{0} {1} → failed: {2}', method, path, error)
      : status === 202
        ? l10n.t('{0} {1} → {2}, Azure continues the operation', method, path, answer)
        : `${method} ${path} → ${answer}`;
  return requestId ? l10n.t('{0} (request id {1})', line, requestId) : line;
}

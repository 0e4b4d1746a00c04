// One retry policy for every SDK client, replacing the SDKs' own (which retries 429/503 only when
// they carry Retry-After, and 5xx for every method). Here:
// - every attempt has a timeout (`requestTimeoutMs`), cut short by the deadline of the operation it
//   runs in (see operation.ts); an attempt that times out fails with `RequestTimeout`, or
//   `OperationTimedOut` when the operation's deadline cut it;
// - any 429/503 with Retry-After (or retry-after-ms / x-ms-retry-after-ms) waits as told, up to a cap;
//   a Retry-After beyond the cap or beyond what is left of the operation fails at once, as throttled;
// - 429 without it, and 500/502/503/504/408, back off exponentially, a bounded number of times, and
//   never past the operation's deadline;
// - 5xx, network errors and timeouts are retried only for reads: a PUT with If-None-Match that reached
//   ARM before the connection broke would come back 412 on a retry and be misreported as a conflict;
//   a timed-out read is tried once more at most (a second full timeout rarely ends differently);
// - TLS failures (an untrusted certificate, a failed handshake) are never retried: they do not heal;
// - 412 and every other 4xx are returned at once, so a precondition failure is never retried;
// - waiting ends when the request's AbortSignal fires; every wait is told to `onRetry` first.
import * as l10n from '@vscode/l10n';
import { RestError, type PipelinePolicy, type PipelineRequest, type PipelineResponse, type SendRequest } from '@azure/core-rest-pipeline';
import { ArmLimitError, REQUEST_TIMEOUT, formatDuration } from './errors';
import { operationOf, operationTimedOut } from './operation';

/** The SDKs' own abort signal shape (a subset of the DOM's). */
type AbortSignalLike = PipelineRequest['abortSignal'];

export const ARM_RETRY_POLICY_NAME = 'armRetryPolicy';

export interface ArmRetryOptions {
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** First exponential delay; doubles each retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the request fails at once as throttled. */
  maxRetryAfterMs?: number;
  /** How long one attempt may take, from sending to the whole body read; default 60 s (ARM's own limit). */
  requestTimeoutMs?: number;
  /** How to wait; tests pass one that records the delay and resolves at once. */
  delay?: (ms: number, signal: AbortSignalLike | undefined) => Promise<void>;
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number;
  /** Called before each wait for a retry (for counters, logs and what people are shown). */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  /** The retry about to be made: 1 for the first. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  status?: number;
  /** Whether Azure asked us to slow down (429, or 503 with Retry-After). */
  throttled: boolean;
  reason: string;
  method: string;
  /** The request's path, without the query. */
  path: string;
}

/** One line saying why we wait and for how long: `Azure throttled the request (429, GET /subscriptions); retrying in 12 s (retry 1 of 3).` */
export function describeRetry(info: RetryInfo): string {
  const request = `${info.method} ${info.path}`;
  const why = info.throttled
    ? l10n.t('Azure throttled the request ({0}, {1})', info.status ?? 429, request)
    : info.status !== undefined
      ? l10n.t('Azure answered {0} to {1}', info.status, request)
      : l10n.t('{0} failed ({1})', request, info.reason);
  return l10n.t('{0}; retrying in {1} (retry {2} of {3}).', why, formatDuration(info.delayMs), info.attempt, info.maxRetries);
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A Resource Graph query is a POST that changes nothing: retrying it is as safe as retrying a GET. */
function isQuery(request: PipelineRequest): boolean {
  return /\/providers\/microsoft\.resourcegraph\/resources(\?|$)/i.test(request.url);
}
const TRANSIENT_STATUS = new Set([408, 500, 502, 503, 504]);

export function abortError(): Error {
  const e = new Error(l10n.t('The operation was aborted.'));
  e.name = 'AbortError';
  return e;
}

export function delayWithAbort(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The server's requested wait in ms, from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(response: PipelineResponse, now: () => number = Date.now): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = response.headers.get(name);
    if (v !== undefined && v.trim() !== '' && Number.isFinite(Number(v))) return Math.max(0, Number(v));
  }
  const v = response.headers.get('retry-after');
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.max(0, Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function errorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Certificate and handshake failures: retrying cannot fix them (Node's and OpenSSL's codes). */
export function isTlsError(e: unknown): boolean {
  const code = errorCode(e);
  if (code !== undefined && /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|EPROTO$|HOSTNAME_MISMATCH)/.test(code)) return true;
  const message = e instanceof Error ? e.message : '';
  return /certificate|SSL routines|TLS handshake|wrong version number/i.test(message);
}

function isNetworkError(e: unknown): boolean {
  if (!(e instanceof Error) || e.name === 'AbortError' || isTlsError(e)) return false;
  const code = errorCode(e);
  return (
    (e instanceof RestError && e.statusCode === undefined) ||
    (code !== undefined && ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'REQUEST_SEND_ERROR'].includes(code))
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** Azure's error code in a response body, if it has one. */
function bodyCode(response: PipelineResponse): string | undefined {
  try {
    const code = (JSON.parse(response.bodyAsText ?? '') as { error?: { code?: unknown } } | undefined)?.error?.code;
    return typeof code === 'string' && code !== '' ? code : undefined;
  } catch {
    return undefined;
  }
}

function throttled(response: PipelineResponse, request: PipelineRequest, toldMs: number, limit: string): ArmLimitError {
  const code = bodyCode(response) ?? 'TooManyRequests';
  return new ArmLimitError(
    l10n.t('Azure throttled {0} {1} ({2} {3}) and asked to wait {4}, longer than {5}; not waited for.', request.method, pathOf(request.url), response.status, code, formatDuration(toldMs), limit),
    code,
    response.status,
  );
}

/**
 * Sends one attempt with its own timeout: `limitMs`, the request timeout or what is left of the
 * operation. A caller's cancellation stays an AbortError; the timeout becomes `RequestTimeout` (or
 * `OperationTimedOut` when the operation's deadline was the limit). The attempt ends at the limit even
 * when what runs beneath ignores its signal (a credential waiting on a sign-in, say).
 */
async function attempt(request: PipelineRequest, next: SendRequest, limitMs: number, timeoutError: () => Error): Promise<PipelineResponse> {
  const callerSignal = request.abortSignal;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => controller.abort();
  // Ends the attempt at the limit, or at once when the caller cancels, whatever runs beneath does.
  const ended = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(abortError());
      controller.abort();
    };
    timer = setTimeout(() => {
      reject(timeoutError());
      controller.abort();
    }, limitMs);
  });
  if (callerSignal?.aborted) onAbort();
  else callerSignal?.addEventListener('abort', onAbort, { once: true });
  request.abortSignal = controller.signal;
  const sent = next(request);
  try {
    return await Promise.race([sent, ended]);
  } finally {
    clearTimeout(timer);
    sent.catch(() => undefined); // ended after the limit: nobody reads it
    request.abortSignal = callerSignal;
    callerSignal?.removeEventListener('abort', onAbort);
  }
}

export function armRetryPolicy(options: ArmRetryOptions = {}): PipelinePolicy {
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 800;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const delay = options.delay ?? delayWithAbort;
  const random = options.random ?? Math.random;

  const backoff = (attempt: number): number => {
    const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    // ±20% jitter so that many throttled callers do not come back in step.
    return Math.round(exponential * (0.8 + 0.4 * random()));
  };

  return {
    name: ARM_RETRY_POLICY_NAME,
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      const isRead = READ_METHODS.has(request.method.toUpperCase()) || isQuery(request);
      const operation = operationOf(request.abortSignal);
      const left = (): number => (operation ? operation.deadline - Date.now() : Number.POSITIVE_INFINITY);
      let timeouts = 0;
      for (let attemptNo = 0; ; attemptNo++) {
        if (request.abortSignal?.aborted) throw abortError();
        const remaining = left();
        if (operation && remaining <= 0) throw operationTimedOut(operation);
        const cutByDeadline = remaining < requestTimeoutMs;
        const limitMs = Math.min(requestTimeoutMs, remaining);
        let response: PipelineResponse | undefined;
        let error: unknown;
        try {
          response = await attempt(request, next, limitMs, () =>
            cutByDeadline && operation
              ? operationTimedOut(operation)
              : new ArmLimitError(l10n.t('Azure did not answer {0} {1} within {2} (the request timeout).', request.method, pathOf(request.url), formatDuration(limitMs)), REQUEST_TIMEOUT),
          );
        } catch (e) {
          error = e;
        }
        const canRetry = attemptNo < maxRetries && !request.abortSignal?.aborted;
        let wait: number | undefined;
        let reason = '';
        let isThrottled = false;
        if (response) {
          const status = response.status;
          const told = status === 429 || status === 503 ? retryAfterMs(response) : undefined;
          if (told !== undefined) {
            if (told > maxRetryAfterMs) throw throttled(response, request, told, l10n.t('the {0} we wait at most', formatDuration(maxRetryAfterMs)));
            if (operation && told >= left()) throw throttled(response, request, told, l10n.t('the {0} left of {1}', formatDuration(Math.max(0, left())), operation.what));
            wait = told;
            reason = `${status} with Retry-After`;
            isThrottled = true;
          } else if (status === 429) {
            wait = backoff(attemptNo);
            reason = '429 without Retry-After';
            isThrottled = true;
          } else if (TRANSIENT_STATUS.has(status) && isRead) {
            wait = backoff(attemptNo);
            reason = `${status}`;
          }
          // A backoff that would end past the deadline is not started: the answer we have is the best one.
          if (wait === undefined || !canRetry || (told === undefined && wait >= left())) return response;
        } else {
          const code = (error as { code?: unknown } | undefined)?.code;
          if (code === REQUEST_TIMEOUT) {
            if (!isRead || !canRetry || ++timeouts > 1) throw error;
            reason = l10n.t('no answer within {0}', formatDuration(limitMs));
          } else {
            if (!isRead || !isNetworkError(error) || !canRetry) throw error;
            reason = errorCode(error) ?? l10n.t('network error');
          }
          wait = backoff(attemptNo);
          if (wait >= left()) throw error;
        }
        options.onRetry?.({
          attempt: attemptNo + 1,
          maxRetries,
          delayMs: wait,
          ...(response ? { status: response.status } : {}),
          throttled: isThrottled,
          reason,
          method: request.method,
          path: pathOf(request.url),
        });
        await delay(wait, request.abortSignal);
      }
    },
  };
}

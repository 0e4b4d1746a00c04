// One retry policy for every SDK client, replacing the SDKs' own (which retries 429/503 only when
// they carry Retry-After, and 5xx for every method). Here:
// - any 429/503 with Retry-After (or retry-after-ms / x-ms-retry-after-ms) waits as told, up to a cap;
// - 429 without it, and 500/502/503/504/408, back off exponentially, a bounded number of times;
// - 5xx and network errors are retried only for reads: a PUT with If-None-Match that reached ARM
//   before the connection broke would come back 412 on a retry and be misreported as a conflict;
// - 412 and every other 4xx are returned at once, so a precondition failure is never retried;
// - waiting ends when the request's AbortSignal fires.
import { RestError, type PipelinePolicy, type PipelineRequest, type PipelineResponse, type SendRequest } from '@azure/core-rest-pipeline';

/** The SDKs' own abort signal shape (a subset of the DOM's). */
type AbortSignalLike = PipelineRequest['abortSignal'];

export const ARM_RETRY_POLICY_NAME = 'armRetryPolicy';

export interface ArmRetryOptions {
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** First exponential delay; doubles each retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the throttled response goes back to the caller. */
  maxRetryAfterMs?: number;
  /** How to wait; tests pass one that records the delay and resolves at once. */
  delay?: (ms: number, signal: AbortSignalLike | undefined) => Promise<void>;
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number;
  /** Called before each retry (for counters and logs). */
  onRetry?: (info: { attempt: number; delayMs: number; status?: number; reason: string }) => void;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A Resource Graph query is a POST that changes nothing: retrying it is as safe as retrying a GET. */
function isQuery(request: PipelineRequest): boolean {
  return /\/providers\/microsoft\.resourcegraph\/resources(\?|$)/i.test(request.url);
}
const TRANSIENT_STATUS = new Set([408, 500, 502, 503, 504]);

export function abortError(): Error {
  const e = new Error('The operation was aborted.');
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

function isNetworkError(e: unknown): boolean {
  if (!(e instanceof Error) || e.name === 'AbortError') return false;
  const code = (e as RestError).code ?? (e as NodeJS.ErrnoException).code;
  return (
    (e instanceof RestError && e.statusCode === undefined) ||
    (code !== undefined && ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'REQUEST_SEND_ERROR'].includes(code))
  );
}

export function armRetryPolicy(options: ArmRetryOptions = {}): PipelinePolicy {
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 800;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
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
      for (let attempt = 0; ; attempt++) {
        let response: PipelineResponse | undefined;
        let error: unknown;
        try {
          response = await next(request);
        } catch (e) {
          error = e;
        }
        const canRetry = attempt < maxRetries && !request.abortSignal?.aborted;
        let wait: number | undefined;
        let reason = '';
        if (response) {
          const status = response.status;
          const told = status === 429 || status === 503 ? retryAfterMs(response) : undefined;
          if (told !== undefined) {
            if (told > maxRetryAfterMs) return response;
            wait = told;
            reason = `${status} with Retry-After`;
          } else if (status === 429) {
            wait = backoff(attempt);
            reason = '429 without Retry-After';
          } else if (TRANSIENT_STATUS.has(status) && isRead) {
            wait = backoff(attempt);
            reason = `${status}`;
          }
          if (wait === undefined || !canRetry) return response;
        } else {
          if (!isRead || !isNetworkError(error) || !canRetry) throw error;
          wait = backoff(attempt);
          reason = 'network error';
        }
        options.onRetry?.({ attempt: attempt + 1, delayMs: wait, ...(response ? { status: response.status } : {}), reason });
        await delay(wait, request.abortSignal);
      }
    },
  };
}

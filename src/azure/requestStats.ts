// Counts every HTTP request the SDK clients send (each page, each LRO poll, each retry), and how many
// were in flight at once: the figures the benchmark prints and the tests assert on.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export interface RequestStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of those, how many were retries. */
  retries: number;
  inFlight: number;
  maxInFlight: number;
}

export function createRequestStats(): RequestStats {
  return { requests: 0, retries: 0, inFlight: 0, maxInFlight: 0 };
}

export function requestCounterPolicy(stats: RequestStats): PipelinePolicy {
  return {
    name: 'armRequestCounterPolicy',
    async sendRequest(request, next) {
      stats.requests++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        return await next(request);
      } finally {
        stats.inFlight--;
      }
    },
  };
}

// Operations and their deadlines. An operation is what a person waits for: a level of the tree, a
// registry's details, a check, a write plan. It runs with an overall deadline; every HTTP request it
// sends (however deep, through caches and limiters) sees that deadline through the async context, so
// the retry policy never starts an attempt or a wait that would end past it, and an attempt in flight
// is cut at the deadline. A caller's AbortSignal still cancels at once.
import * as l10n from '@vscode/l10n';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ArmLimitError, OPERATION_TIMED_OUT, formatDuration } from './errors';

export interface OperationContext {
  /** What the person waits for, as a phrase: `listing the registries of subscription …`. */
  what: string;
  timeoutMs: number;
  /** When it gives up (epoch ms). */
  deadline: number;
}

const storage = new AsyncLocalStorage<OperationContext>();

/** The operation the current code runs in, if any. */
export function currentOperation(): OperationContext | undefined {
  return storage.getStore();
}

export function operationTimedOut(operation: OperationContext): ArmLimitError {
  return new ArmLimitError(l10n.t('Gave up {0} after {1} (the time allowed for one operation).', operation.what, formatDuration(operation.timeoutMs)), OPERATION_TIMED_OUT);
}

/**
 * Runs `task` as an operation that ends within `timeoutMs`. Inside an operation whose deadline comes
 * first, the outer deadline stands. Requests in flight are cut at the deadline by the retry policy, so
 * a task normally ends then with what it could read; if it still has not ended a moment later (it waits
 * on something that has no deadline), its signal is aborted and the operation fails with
 * `OperationTimedOut`.
 */
export function runOperation<T>(what: string | (() => string), timeoutMs: number | undefined, signal: AbortSignal | undefined, task: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  const outer = storage.getStore();
  const now = Date.now();
  if (timeoutMs === undefined || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || (outer !== undefined && outer.deadline <= now + timeoutMs)) return task(signal);
  // The phrase is made when a message needs it (a load runs hundreds of operations that end in time).
  let phrase = typeof what === 'string' ? what : undefined;
  const operation: OperationContext = {
    get what(): string {
      return (phrase ??= (what as () => string)());
    },
    timeoutMs,
    deadline: now + timeoutMs,
  };
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', onAbort, { once: true });
  const grace = Math.min(1000, Math.max(100, timeoutMs / 10));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = operationTimedOut(operation);
      controller.abort(error);
      reject(error);
    }, timeoutMs + grace);
  });
  const run = storage.run(operation, () => task(controller.signal));
  return Promise.race([run, expired]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    run.catch(() => undefined); // settled after the deadline: nobody waits for it any more
  });
}

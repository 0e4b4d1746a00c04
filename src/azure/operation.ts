// Operations and their deadlines. An operation is what a person waits for: a level of the tree, a
// registry's details, a check, a write plan. It runs with an overall deadline, carried by the abort
// signal it hands its task: every HTTP request sent with that signal (or with a signal made on its
// behalf, such as a shared read's in the request cache) sees the deadline, so the retry policy never
// starts an attempt or a wait that would end past it, and an attempt in flight is cut at the deadline.
// A caller's AbortSignal still cancels at once.
//
// The deadline travels with the signal, not through Node's async context (`AsyncLocalStorage`): that
// turns on a hook for every promise of the extension host, and what Node creates inside a context (a
// keep-alive socket) keeps it, and through it the loader that made it, for as long as it lives.
import * as l10n from '@vscode/l10n';
import { ArmLimitError, OPERATION_TIMED_OUT, formatDuration } from './errors';

export interface OperationContext {
  /** What the person waits for, as a phrase: `listing the registries of subscription …`. */
  what: string;
  timeoutMs: number;
  /** When it gives up (epoch ms). */
  deadline: number;
}

const operations = new WeakMap<AbortSignal, OperationContext>();

/** The operation a signal belongs to: the one `runOperation` handed it to, or the one it carries for. */
export function operationOf(signal: { readonly aborted: boolean } | undefined): OperationContext | undefined {
  return signal ? operations.get(signal as AbortSignal) : undefined;
}

/** A signal made on behalf of a caller's (a read shared by several callers) runs under the caller's operation. */
export function carryOperation(from: AbortSignal | undefined, to: AbortSignal): void {
  const operation = operationOf(from);
  if (operation) operations.set(to, operation);
}

export function operationTimedOut(operation: OperationContext): ArmLimitError {
  return new ArmLimitError(l10n.t('Gave up {0} after {1} (the time allowed for one operation).', operation.what, formatDuration(operation.timeoutMs)), OPERATION_TIMED_OUT);
}

/** The phrase is made when a message needs it (a load runs hundreds of operations that end in time). */
function operationContext(what: string | (() => string), timeoutMs: number, deadline: number): OperationContext {
  let phrase = typeof what === 'string' ? what : undefined;
  return {
    get what(): string {
      return (phrase ??= (what as () => string)());
    },
    timeoutMs,
    deadline,
  };
}

/**
 * Runs `task` as an operation that ends within `timeoutMs`; the task passes the signal it is given to
 * what it calls, and the deadline goes with it. Under an operation (`signal` carries one) whose
 * deadline comes first, the outer deadline stands. Requests in flight are cut at the deadline by the
 * retry policy, so a task normally ends then with what it could read; if it still has not ended a
 * moment later (it waits on something that has no deadline), its signal is aborted and the operation
 * fails with `OperationTimedOut`.
 */
export function runOperation<T>(what: string | (() => string), timeoutMs: number | undefined, signal: AbortSignal | undefined, task: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  const outer = operationOf(signal);
  const now = Date.now();
  if (timeoutMs === undefined || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || (outer !== undefined && outer.deadline <= now + timeoutMs)) return task(signal);
  const operation = operationContext(what, timeoutMs, now + timeoutMs);
  const controller = new AbortController();
  operations.set(controller.signal, operation);
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
  const run = task(controller.signal);
  return Promise.race([run, expired]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    run.catch(() => undefined); // settled after the deadline: nobody waits for it any more
  });
}

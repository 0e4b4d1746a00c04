/** Thrown by a check to stop waiting at once: the condition can no longer come true. */
export class GiveUp extends Error {}

/**
 * Polls `check` until it returns true, throwing once `timeoutMs` passes. Tests wait for
 * conditions, never for fixed times; the bound turns a hang into a clear failure.
 */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, opts: { timeoutMs: number; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
      lastError = undefined;
    } catch (e) {
      if (e instanceof GiveUp) throw e;
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 100));
  }
}

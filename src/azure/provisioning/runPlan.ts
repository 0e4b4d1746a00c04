// Runs a plan's steps in order. The first failure stops the run; cancellation is honoured between
// steps (a long-running operation already sent is not abandoned half-way, so what it made is known).
import * as l10n from '@vscode/l10n';
import type { RunOptions } from '../../provisioning/api';
import type { CreatedResource, ProvisioningPlan, RunResult, StepOutcome } from '../../provisioning/steps';
import { errorCodeOf, errorMessageOf, isAbortError } from '../errors';
import { runStep, type StepContext } from './stepActions';

function createdBy(e: unknown): CreatedResource[] {
  const created = (e as { created?: CreatedResource[] } | undefined)?.created;
  return Array.isArray(created) ? created : [];
}

export async function runPlan(ctx: Omit<StepContext, 'signal'>, plan: ProvisioningPlan, options: RunOptions = {}): Promise<RunResult> {
  const outcomes: StepOutcome[] = plan.steps.map((_, index) => ({ index, status: 'pending', created: [] }));
  const created: CreatedResource[] = [];
  const report = async (outcome: StepOutcome): Promise<void> => {
    outcomes[outcome.index] = outcome;
    // What the caller keeps of the run (its journal) may fail to save: the run goes on, as before.
    await Promise.resolve(options.onProgress?.(outcome)).catch(() => undefined);
  };
  let status: RunResult['status'] = 'succeeded';
  for (const [index, step] of plan.steps.entries()) {
    if (status !== 'succeeded') {
      await report({ index, status: 'skipped', created: [], message: status === 'cancelled' ? l10n.t('Not started: the run was cancelled.') : l10n.t('Not started: an earlier step failed.') });
      continue;
    }
    if (options.signal?.aborted) {
      status = 'cancelled';
      await report({ index, status: 'cancelled', created: [], message: l10n.t('Not started: the run was cancelled.') });
      continue;
    }
    await report({ index, status: 'running', created: [] });
    try {
      // The step itself is not given the cancellation signal: stopping an LRO half-way would leave a
      // resource whose state we do not know. Cancelling takes effect before the next step.
      const made = await runStep({ ...ctx }, step);
      created.push(...made);
      await report({ index, status: 'succeeded', created: made, ...(made.length === 0 ? { message: l10n.t('Already in place; nothing to do.') } : {}) });
    } catch (e) {
      const made = createdBy(e);
      created.push(...made);
      const code = errorCodeOf(e);
      status = isAbortError(e) ? 'cancelled' : 'failed';
      await report({ index, status: status === 'cancelled' ? 'cancelled' : 'failed', created: made, message: errorMessageOf(e), ...(code ? { code } : {}) });
    }
  }
  const endpoint = created.find((c) => c.kind === 'privateEndpoint');
  return { outcomes, created, status, ...(endpoint ? { privateEndpointId: endpoint.id } : {}) };
}

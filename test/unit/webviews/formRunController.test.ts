// The run controller both create forms share, with the create-endpoint form's plan on a faked Azure
// layer and workbench: what the page is sent as a run goes step by step, the clean-up offered after a
// failed or cancelled run that created something (and only then), a clean-up that removes only what
// the run created and keeps what it could not remove, and the forms it refuses to run.
import { test } from 'node:test';
import * as l10n from '@vscode/l10n';
import assert from 'node:assert/strict';
import { defaultCreateEndpointForm, type CreateEndpointForm, type CreateEndpointInventory } from '../../../src/provisioning/createEndpointForm';
import type { CleanUpOutcome, RunOptions } from '../../../src/provisioning/api';
import { planCreateEndpoint, privateEndpointIdOf, zoneIdOf } from '../../../src/provisioning/planCreateEndpoint';
import type { CreatedResource, ProvisioningPlan, RunResult } from '../../../src/provisioning/steps';
import { validateCreateEndpoint } from '../../../src/provisioning/validateCreateEndpoint';
import { parseCreateEndpointMessage, type CreateEndpointExtensionMessage } from '../../../src/webviews/forms/createEndpointProtocol';
import { FormRunController, requireValid, type RunFormHost, type RunUnderWay } from '../../../src/webviews/forms/formRunController';
import type { RunView } from '../../../src/webviews/forms/runProtocol';
import { form as filledForm, inventory, registryId, SUB, vnetId } from '../provisioning/fixtures';

const zoneId = zoneIdOf(filledForm(), inventory());

type Outcome = 'succeeded' | { failAt: number } | { cancelAt: number };

/** A form's host on fakes: what it was asked and sent is recorded; Azure runs the plan as `outcome` says. */
function harness(outcome: Outcome, options: { answer?: boolean; cleanUpFails?: CreatedResource['kind']; gate?: Promise<void>; settleGate?: Promise<void> } = {}) {
  const posts: CreateEndpointExtensionMessage[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const asked: string[] = [];
  const scripts: string[] = [];
  const settled: RunResult[] = [];
  const runs: ProvisioningPlan[] = [];
  let cleanedUp!: () => void;
  const cleanUpDone = new Promise<void>((resolve) => (cleanedUp = resolve));
  const removed: CreatedResource[][] = [];
  const journal: (RunUnderWay | undefined)[] = [];
  const host: RunFormHost<CreateEndpointInventory, CreateEndpointForm, RunView> = {
    journal: { save: (run) => (journal.push(structuredClone(run)), Promise.resolve()) },
    title: 'Create private endpoint',
    post: (m) => posts.push(structuredClone(m)),
    log: { warn: (m) => warnings.push(m), error: (m) => errors.push(m) },
    loadingLabel: () => 'Reading…',
    readInventory: (subscriptionId) => Promise.resolve(inventory({ subscriptionId })),
    defaultForm: (inv) => defaultCreateEndpointForm(inv, registryId),
    plan: (form, inv) => {
      requireValid(validateCreateEndpoint(form, inv));
      return planCreateEndpoint(form, inv);
    },
    startView: (_form, view) => view,
    provisioning: () => ({
      run: async (plan: ProvisioningPlan, o?: RunOptions): Promise<RunResult> => {
        runs.push(plan);
        await options.gate;
        const stop = outcome === 'succeeded' ? plan.steps.length : 'failAt' in outcome ? outcome.failAt : outcome.cancelAt;
        const created: CreatedResource[] = [];
        const outcomes = plan.steps.map((step, index) => {
          const made: CreatedResource[] =
            index >= stop ? [] : step.kind === 'createPrivateDnsZone' ? [{ kind: 'privateDnsZone', id: zoneId }] : step.kind === 'createVirtualNetworkLink' ? [{ kind: 'virtualNetworkLink', id: `${step.privateDnsZoneId}/virtualNetworkLinks/${step.linkName}` }] : [];
          created.push(...made);
          const status = index < stop ? 'succeeded' : index === stop && typeof outcome === 'object' && 'failAt' in outcome ? 'failed' : index === stop && typeof outcome === 'object' ? 'cancelled' : 'skipped';
          const result = { index, status, created: made, ...(status === 'failed' ? { message: 'Injected failure.' } : {}) } as const;
          o?.onProgress?.(result);
          return result;
        });
        const status = outcome === 'succeeded' ? 'succeeded' : 'failAt' in outcome ? 'failed' : 'cancelled';
        return { outcomes, created, status, ...(status === 'succeeded' ? { privateEndpointId: privateEndpointIdOf(filledForm()) } : {}) };
      },
      cleanUp: (created: CreatedResource[]): Promise<CleanUpOutcome[]> => {
        removed.push(created);
        return Promise.resolve(created.map((resource) => (resource.kind === options.cleanUpFails ? { resource, status: 'failed', message: 'Conflict' } : { resource, status: 'removed' })));
      },
    }),
    subject: (form) => form.name,
    settled: async (_form, result) => {
      settled.push(result);
      await options.settleGate;
    },
    cleanedUp: () => {
      cleanedUp();
      return Promise.resolve();
    },
    showCli: (script) => {
      scripts.push(script);
      return Promise.resolve();
    },
    askCleanUp: (message) => {
      asked.push(message);
      return Promise.resolve(options.answer ?? false);
    },
  };
  const target: { subscriptionId: string; draft?: CreateEndpointForm } = { subscriptionId: SUB };
  const controller = new FormRunController(host, target);
  const send = (data: unknown) => controller.receive(parseCreateEndpointMessage(data), data);
  const lastRun = (): RunView | undefined => posts.filter((p) => p.type === 'run').pop()?.run;
  return { controller, target, send, posts, errors, warnings, asked, scripts, settled, runs, removed, cleanUpDone, lastRun, journal };
}

const zone = 'private DNS zone privatelink.azurecr.io';
const link = 'virtual network link MyDNSLink';

void test('the page is told it is loading, then given the inventory and the default form; a draft of the same subscription wins', async () => {
  const h = harness('succeeded');
  await h.send({ type: 'ready' });
  assert.deepEqual(h.posts[0], { type: 'loading', label: 'Reading…' });
  const sent = h.posts.filter((p) => p.type === 'inventory');
  assert.equal(sent.at(-1)?.type === 'inventory' && sent.at(-1)?.form.registryId, registryId);
  h.target.draft = filledForm({ name: 'typedBefore' });
  await h.send({ type: 'ready' });
  const last = h.posts.at(-1);
  assert.equal(last?.type === 'inventory' && last.form.name, 'typedBefore');
});

void test('a run that succeeds: every step done on the page, the endpoint named, the form\'s follow-up run, no clean-up offered', async () => {
  const h = harness('succeeded');
  await h.send({ type: 'submit', form: filledForm() });
  const run = h.lastRun();
  assert.equal(run?.status, 'succeeded');
  assert.deepEqual(run.steps.map((s) => s.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  assert.deepEqual(run.created, [zone, link]);
  assert.equal(run.privateEndpointName, 'myPrivateEndpoint');
  assert.deepEqual(h.settled.map((r) => r.status), ['succeeded']);
  assert.deepEqual(h.asked, []);
  assert.equal(h.target.draft?.name, 'myPrivateEndpoint');
  assert.equal(h.controller.isRunning, false);
});

void test('a run under way is kept in the journal step by step (what a reload would cut off: the step under way, what was created), and forgotten once it ends', async () => {
  const h = harness({ failAt: 3 });
  await h.send({ type: 'submit', form: filledForm() });
  const underWay = h.journal.filter((j): j is RunUnderWay => j !== undefined);
  assert.ok(underWay.length > 0, 'nothing was kept while the run was under way');
  assert.ok(underWay.every((j) => j.title === 'Create private endpoint' && j.subject === 'myPrivateEndpoint'));
  // Kept before the first step, then after every change of a step.
  assert.deepEqual(underWay[0]!.steps.map((s) => s.status), ['pending', 'pending', 'pending', 'pending']);
  const third = underWay.find((j) => j.steps[2]?.status === 'succeeded');
  assert.deepEqual(third?.created, [zone, link]);
  assert.equal(h.journal.at(-1), undefined, 'the finished run is still kept as under way');
});

void test('a step that fails after the zone and the link were created: the page shows it, the clean-up is offered naming them, and Clean Up removes only them', async () => {
  const h = harness({ failAt: 2 }, { answer: true });
  await h.send({ type: 'submit', form: filledForm() });
  const failed = h.posts.filter((p) => p.type === 'run').map((p) => p.run).find((r) => r.status === 'failed');
  assert.deepEqual(failed?.steps.map((s) => s.status), ['succeeded', 'succeeded', 'failed', 'skipped']);
  assert.equal(failed?.steps[2]?.message, 'Injected failure.');
  assert.deepEqual(failed?.created, [zone, link]);
  assert.deepEqual(h.asked, [`Creating myPrivateEndpoint failed. This run created: ${zone}, ${link}.`]);
  await h.cleanUpDone;
  assert.deepEqual(h.removed, [[{ kind: 'privateDnsZone', id: zoneId }, { kind: 'virtualNetworkLink', id: `${zoneId}/virtualNetworkLinks/MyDNSLink` }]]);
  const after = h.lastRun();
  assert.deepEqual(after?.cleanUp, [`${zone}: removed`, `${link}: removed`]);
  assert.deepEqual(after?.created, []);
  // Nothing is left to clean up: a second request removes nothing.
  await h.send({ type: 'cleanUp' });
  assert.equal(h.removed.length, 1);
});

void test('the clean-up\'s lines are in the language of the bundle, not Azure\'s status words', async () => {
  l10n.config({ contents: { '{0}: removed': '{0}：已移除', '{0}: failed': '{0}：失敗' } });
  try {
    const h = harness({ failAt: 2 }, { answer: true, cleanUpFails: 'privateDnsZone' });
    await h.send({ type: 'submit', form: filledForm() });
    await h.cleanUpDone;
    assert.deepEqual(h.lastRun()?.cleanUp, [`${zone}：失敗 — Conflict`, `${link}：已移除`]);
  } finally {
    l10n.config({ contents: {} });
  }
});

void test('Keep leaves what the run created; the page\'s own Clean up later removes it, and what could not be removed stays listed', async () => {
  const h = harness({ failAt: 2 }, { answer: false, cleanUpFails: 'privateDnsZone' });
  await h.send({ type: 'submit', form: filledForm() });
  await Promise.resolve();
  assert.deepEqual(h.removed, []);
  await h.send({ type: 'cleanUp' });
  assert.deepEqual(h.lastRun()?.cleanUp, [`${zone}: failed — Conflict`, `${link}: removed`]);
  assert.deepEqual(h.lastRun()?.created, [zone]);
  assert.deepEqual(h.controller.lastResult?.created.map((c) => c.kind), ['privateDnsZone']);
});

void test('a cancelled run says it was cancelled; a failed run that created nothing offers no clean-up', async () => {
  const cancelled = harness({ cancelAt: 3 });
  await cancelled.send({ type: 'submit', form: filledForm() });
  assert.equal(cancelled.lastRun()?.status, 'cancelled');
  assert.deepEqual(cancelled.asked, [`Creating myPrivateEndpoint was cancelled. This run created: ${zone}, ${link}.`]);
  const early = harness({ failAt: 0 });
  await early.send({ type: 'submit', form: filledForm() });
  assert.equal(early.lastRun()?.status, 'failed');
  assert.deepEqual(early.lastRun()?.created, []);
  assert.deepEqual(early.asked, []);
});

void test('a form the extension finds invalid runs nothing and says why; Show as Azure CLI opens the plan\'s commands', async () => {
  const h = harness('succeeded');
  await h.send({ type: 'submit', form: filledForm({ name: '-starts-with-a-hyphen' }) });
  assert.deepEqual(h.runs, []);
  assert.equal(h.lastRun(), undefined);
  const error = h.posts.find((p) => p.type === 'error');
  assert.match(error?.type === 'error' ? error.message : '', /^submit: Not submitted: /);
  assert.match(h.errors[0] ?? '', /^Create private endpoint: submit: Not submitted: /);
  await h.send({ type: 'showCli', form: filledForm({ virtualNetworkId: vnetId }) });
  assert.equal(h.scripts.length, 1);
  assert.match(h.scripts[0] ?? '', /az network private-endpoint create/);
});

void test('a message the page should not send is logged and dropped; "Start a new form" forgets the run and the draft', async () => {
  const h = harness({ failAt: 2 });
  await h.send({ type: 'deleteEverything' });
  assert.equal(h.warnings.length, 1);
  assert.match(h.warnings[0] ?? '', /^Create private endpoint: ignored a message it does not know: \{"type":"deleteEverything"\}/);
  await h.send({ type: 'submit', form: filledForm() });
  assert.ok(h.controller.run);
  await h.send({ type: 'newForm' });
  assert.equal(h.controller.run, undefined);
  assert.equal(h.controller.lastResult, undefined);
  assert.equal(h.target.draft, undefined);
});

void test('while a run is under way a second submit, a subscription change and a new form are refused; the first run finishes', async () => {
  let open!: () => void;
  const h = harness('succeeded', { gate: new Promise<void>((resolve) => (open = resolve)) });
  const first = h.send({ type: 'submit', form: filledForm() });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(h.controller.isRunning, true);
  assert.equal(h.lastRun()?.status, 'running');
  await h.send({ type: 'submit', form: filledForm({ name: 'another' }) });
  await h.send({ type: 'changeSubscription', subscriptionId: SUB });
  await h.send({ type: 'newForm' });
  assert.deepEqual(h.errors.map((e) => e.replace(/^Create private endpoint: /, '')), ['submit: A run is already in progress.', 'changeSubscription: Wait for the run to finish before changing the subscription.']);
  assert.equal(h.runs.length, 1);
  open();
  await first;
  await h.controller.whenFinished();
  assert.equal(h.lastRun()?.status, 'succeeded');
  assert.equal(h.controller.run?.status, 'succeeded');
});

void test('"Start a new form" pressed while the ended run is still settling (tree read again, check) brings the fresh form once that is done, not nothing', async () => {
  let settle!: () => void;
  const h = harness('succeeded', { settleGate: new Promise<void>((resolve) => (settle = resolve)) });
  const run = h.send({ type: 'submit', form: filledForm() });
  while (h.settled.length === 0) await new Promise((resolve) => setImmediate(resolve));
  // The page shows the ended run with its "Start a new form" button; the person presses it.
  assert.equal(h.lastRun()?.status, 'succeeded');
  const inventoriesBefore = h.posts.filter((p) => p.type === 'inventory').length;
  const again = h.send({ type: 'newForm' });
  settle();
  await Promise.all([run, again]);
  assert.deepEqual(h.errors, []);
  assert.equal(h.controller.run, undefined);
  assert.equal(h.target.draft, undefined);
  const inventories = h.posts.filter((p) => p.type === 'inventory');
  assert.equal(inventories.length, inventoriesBefore + 1, 'the fresh form was never sent');
  const fresh = inventories.at(-1);
  assert.equal(fresh?.type === 'inventory' && fresh.form.name, defaultCreateEndpointForm(inventory(), registryId).name);
});

void test('a form corrected and submitted again while the failed run is still settling runs once that is done, rather than "A run is already in progress."', async () => {
  let settle!: () => void;
  const h = harness({ failAt: 0 }, { settleGate: new Promise<void>((resolve) => (settle = resolve)) });
  const first = h.send({ type: 'submit', form: filledForm() });
  while (h.settled.length === 0) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(h.lastRun()?.status, 'failed');
  const second = h.send({ type: 'submit', form: filledForm({ name: 'secondTry' }) });
  settle();
  await Promise.all([first, second]);
  assert.deepEqual(h.errors, []);
  assert.equal(h.runs.length, 2);
  assert.equal(h.target.draft?.name, 'secondTry');
});

// A person fills in the create-endpoint form and presses Create; Azure takes long over the private
// endpoint (the sandbox reads its PUT and does not answer), and the person reloads the window
// ("Developer: Reload Window") in the middle of the run. The reload stops the extension host and the
// run with it: after the reload the extension says which steps were done, which one was under way
// and what the run created, rather than leaving a half-done setup unmentioned; and it writes nothing
// again by itself. Starts from the sandbox's `empty` world and puts the seed back.
import { after, before, test } from 'node:test';
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { activeWebview, choose, openCreateEndpointForm, openRegistryInTree, reloadWindow, screenshotOnFailure, typeInto, Workbench } from '../harness/workbench';
import { waitFor } from '../harness/wait';
import { sandboxRequest } from './sandboxControl';
import { closeAndRestoreSeed, LINK, openOnEmptyWorld, RUN_TIMEOUT, TIMEOUT, ZONE } from './emptyWorld';

const RELOAD_TIMEOUT = 60_000;
const ENDPOINT = 'myPrivateEndpoint';

let wb: Workbench;

before(async () => {
  wb = await openOnEmptyWorld();
});

after(() => closeAndRestoreSeed(wb));

interface LoggedRequest {
  method: string;
  path: string;
}

async function endpointPuts(): Promise<number> {
  const log = ((await sandboxRequest('GET', '/_sandbox/requests')).body as { value: LoggedRequest[] }).value;
  return log.filter((r) => r.method === 'PUT' && new RegExp(`/privateEndpoints/${ENDPOINT}$`, 'i').test(r.path)).length;
}

void test('a reload in the middle of a create-endpoint run: afterwards the extension says what the run had done and what it left under way', () =>
  screenshotOnFailure(wb, 'e2e-reload-during-run', async () => {
    const { registry } = await openRegistryInTree(wb.page);
    const page = await openCreateEndpointForm(registry, TIMEOUT);
    await typeInto(page, 'Name', ENDPOINT);
    await typeInto(page, 'Connection name', 'myConnection');
    await choose(page, 'Virtual network', 'myDockerVMVNET (myResourceGroup, westeurope)');
    await choose(page, 'Subnet', 'myDockerVMSubnet (10.0.0.0/24');
    await choose(page, `Private DNS zone (${ZONE})`, `(new) ${ZONE}`);
    await choose(page, 'Resource group of the new zone', 'myResourceGroup');
    await page.getByText('Ready to create.').waitFor({ state: 'visible', timeout: TIMEOUT });

    // Azure reads the endpoint's PUT and does not answer: the run waits in that step.
    const fault = await sandboxRequest('POST', '/_sandbox/faults', { method: 'PUT', pathPattern: `/privateEndpoints/${ENDPOINT}$`, kind: 'noAnswer' });
    assert.strictEqual(fault.status, 201);
    await sandboxRequest('DELETE', '/_sandbox/requests');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('#steps li[data-status="running"]').filter({ hasText: ENDPOINT }).waitFor({ state: 'visible', timeout: RUN_TIMEOUT });
    // The step shows as under way once its journal line is being saved; its PUT follows the save.
    await waitFor('the endpoint\'s PUT to reach Azure', async () => (await endpointPuts()) === 1, { timeoutMs: RUN_TIMEOUT });

    await reloadWindow(wb.page, RELOAD_TIMEOUT);
    await sandboxRequest('DELETE', '/_sandbox/faults');

    const toast = wb.page.locator('.notification-toast').filter({ hasText: 'stopped before it finished' });
    await toast.waitFor({ state: 'visible', timeout: RELOAD_TIMEOUT });
    const text = (await toast.textContent()) ?? '';
    assert.match(text, new RegExp(`Create private endpoint \\(${ENDPOINT}\\) stopped before it finished`));
    assert.match(text, new RegExp(`Created by the run: private DNS zone ${ZONE.replace(/\./g, '\\.')}, virtual network link ${LINK}`));
    assert.match(text, new RegExp(`Under way, perhaps applied by Azure: [^.]*${ENDPOINT}`));

    // The reload wrote nothing again by itself: the one PUT is the one sent before it.
    assert.strictEqual(await endpointPuts(), 1, 'the endpoint was written again after the reload');
  }));

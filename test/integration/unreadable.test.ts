// Unknown is not missing, in the tree: a zone whose A-record listing answers 500 shows its records as
// "could not check" (greyed, a question mark, no fix), and the registry's badge is "?", not ✓ or errors.
import * as assert from 'assert';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';

suite('A zone whose records cannot be read', () => {
  let api: ExtensionApi;

  suiteSetup(async () => {
    await resetSandbox('seed');
    api = await activateExtension();
    // Every listing of the zone's A records fails, retries included.
    const fault = await sandboxRequest('POST', '/_sandbox/faults', {
      method: 'GET',
      pathPattern: '/providers/Microsoft\\.Network/privateDnsZones/privatelink\\.azurecr\\.io/A$',
      kind: 'status',
      status: 500,
      body: { error: { code: 'InternalServerError', message: 'The zone service failed.' } },
    });
    assert.strictEqual(fault.status, 201);
    // Resource Graph answers record sets too: refused, so the tree lists them from ARM.
    const graph = await sandboxRequest('POST', '/_sandbox/faults', {
      method: 'POST',
      pathPattern: '/providers/Microsoft\\.ResourceGraph/resources',
      kind: 'status',
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: 'Injected.' } },
    });
    assert.strictEqual(graph.status, 201);
    api.tree.refresh();
  });

  suiteTeardown(async () => {
    await sandboxRequest('DELETE', '/_sandbox/faults');
    api.tree.refresh();
  });

  test('its records say "could not check", never missing, and offer no fix', async () => {
    const zone = await nodeAt(api, 'Contoso Production', 'myregistry', 'DNS', 'privatelink.azurecr.io');
    const records = (await childrenOf(api, zone)).filter((c) => labelOf(c) !== 'Virtual network links');
    assert.deepStrictEqual(records.map(labelOf).sort(), ['myregistry', 'myregistry.eastus.data', 'myregistry.westeurope.data']);
    for (const record of records) {
      const item = record.getTreeItem();
      assert.match(descriptionOf(record), /^could not check · —/, labelOf(record));
      assert.strictEqual(item.contextValue, 'dnsRecord.unknown', 'no "Fix Missing DNS Record" on an unread record');
      assert.match(String(item.tooltip), /Could not check: the A records of privatelink\.azurecr\.io could not be read \(500 InternalServerError\)/);
    }
  });

  test('the registry badge is "could not check", naming the read that failed', async () => {
    const registry = await nodeAt(api, 'Contoso Production', 'myregistry');
    await childrenOf(api, registry); // loads its details and diagnosis
    const summary = api.tree.health.summary(registry.resourceId!);
    assert.strictEqual(summary, 'could not check 3 verdicts');
    const decoration = api.tree.health.provideFileDecoration(registry.getTreeItem().resourceUri!);
    assert.strictEqual(decoration?.badge, '?');
    assert.match(decoration?.tooltip ?? '', /A records of privatelink\.azurecr\.io could not be read \(500 InternalServerError\).*retry later/);
  });
});

// A registry with a domain-name-label scope in the real extension host (the sandbox's `dnl`
// scenario): the tree shows its hashed login server, its replica's hashed data endpoint and the
// hashed records as ok — none of them under the bare registry name.
import * as assert from 'assert';
import { activateExtension, childrenOf, descriptionOf, labelOf, nodeAt } from './extensionApi';
import { resetSandbox, sandboxRequest } from './sandboxControl';
import type { ExtensionApi } from '../../src/extension';

suite('Resource tree: a registry with a domain-name-label scope (dnl scenario)', () => {
  let api: ExtensionApi;
  let label: string;

  suiteSetup(async () => {
    await resetSandbox('dnl');
    // What Azure (the sandbox) reports, read apart from the extension.
    const registry = await sandboxRequest(
      'GET',
      '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/contosoResourceGroup/providers/Microsoft.ContainerRegistry/registries/contosoacrregistry?api-version=2025-03-01-preview',
    );
    label = String((registry.body as { properties: { loginServer: string } }).properties.loginServer).split('.')[0] ?? '';
    api = await activateExtension();
    api.tree.refresh();
  });

  suiteTeardown(async () => {
    await resetSandbox('seed');
    api.tree.refresh();
  });

  test('the registry node shows the hashed login server beside the name', async () => {
    assert.match(label, /^contosoacrregistry-[a-z0-9]{16}$/);
    const registry = await nodeAt(api, 'Contoso Production', 'contosoacrregistry');
    assert.ok(descriptionOf(registry).startsWith(`${label}.azurecr.io · Premium · westeurope`), descriptionOf(registry));
  });

  test('the replica shows its hashed data endpoint', async () => {
    const replica = await nodeAt(api, 'Contoso Production', 'contosoacrregistry', 'Replicas', 'eastus');
    assert.strictEqual(descriptionOf(replica), `${label}.eastus.data.azurecr.io`);
  });

  test('DNS shows the three hashed records, each ok', async () => {
    const zone = await nodeAt(api, 'Contoso Production', 'contosoacrregistry', 'DNS', 'privatelink.azurecr.io');
    const records = (await childrenOf(api, zone)).filter((c) => labelOf(c) !== 'Virtual network links');
    assert.deepStrictEqual(records.map(labelOf).sort(), [label, `${label}.eastus.data`, `${label}.westeurope.data`]);
    for (const record of records) assert.match(descriptionOf(record), /^ok · 10\.2\.0\./, labelOf(record));
  });
});

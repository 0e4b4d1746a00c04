// A record row of Resource Graph's `dnsresources` that cannot be read must not make its zone look as
// if it lacked that record: the zones' records are then read from ARM, never guessed "missing".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArmClients } from '../../../src/azure/clients';
import { InventoryIndex, REGISTRY_RECORDS_QUERY, readGraphInventory } from '../../../src/azure/graphInventory';
import { sub, zoneId } from './fakeReads';

const zone = zoneId(sub(1));
const zoneRow = { id: zone, name: 'privatelink.azurecr.io', type: 'microsoft.network/privatednszones', subscriptionId: sub(1), resourceGroup: 'rg', properties: {} };
const recordRow = (name: string, ip: string) => ({ id: `${zone}/A/${name}`, name, type: 'microsoft.network/privatednszones/a', subscriptionId: sub(1), resourceGroup: 'rg', properties: { ttl: 10, aRecords: [{ ipv4Address: ip }] } });

/** Resource Graph over `send`: the record query answers `records`, the others the zone alone. */
function graph(records: unknown[]): ArmClients {
  const send = async (_method: string, _path: string, _version: string, _signal: AbortSignal | undefined, body: unknown) => {
    const query = (body as { query: string }).query;
    return { data: query === REGISTRY_RECORDS_QUERY ? records : [zoneRow] };
  };
  return { send } as unknown as ArmClients;
}

void describe('Resource Graph record rows', () => {
  void it('gives the zone its records when every row is read', async () => {
    const index = new InventoryIndex(await readGraphInventory(graph([recordRow('reg', '10.0.0.7'), recordRow('reg.westeurope.data', '10.0.0.8')]), [sub(1)]));
    assert.deepEqual(index.aRecordSetsOf(zone)?.map((r) => [r.name, r.ipv4Addresses]), [['reg', ['10.0.0.7']], ['reg.westeurope.data', ['10.0.0.8']]]);
  });

  void it('leaves every zone to ARM when one record row cannot be read, rather than showing the zone without it', async () => {
    const malformed = { ...recordRow('reg', '10.0.0.7'), id: undefined };
    const inventory = await readGraphInventory(graph([malformed, recordRow('reg.westeurope.data', '10.0.0.8')]), [sub(1)]);
    assert.equal(inventory.aRecordSets, undefined);
    assert.equal(new InventoryIndex(inventory).aRecordSetsOf(zone), undefined, 'the zone is read from ARM');
    assert.equal(inventory.privateDnsZones.length, 1, 'the rest of the inventory still comes from the graph');
  });
});

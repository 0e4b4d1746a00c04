import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { dnsRecordRows, dnsRecordWrites, hostsLines, zoneFileSnippet } from '../../../src/provisioning/dnsRecords';
import type { ARecordSet, NetworkInterface } from '../../../src/model/types';
import { zoneId } from './fixtures';

const nic: NetworkInterface = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/myPrivateEndpoint.nic',
  name: 'myPrivateEndpoint.nic',
  ipConfigurations: [
    { name: 'a', privateIPAddress: '10.0.0.7', groupId: 'registry', requiredMemberName: 'registry', fqdns: ['myregistry.azurecr.io'] },
    { name: 'b', privateIPAddress: '10.0.0.6', groupId: 'registry', requiredMemberName: 'registry_data_westeurope', fqdns: ['myregistry.westeurope.data.azurecr.io'] },
    { name: 'c', privateIPAddress: '10.0.0.5', groupId: 'registry', requiredMemberName: 'registry_data_eastus', fqdns: ['myregistry.eastus.data.azurecr.io'] },
  ],
};
const record = (name: string, ips: string[], etag: string): ARecordSet => ({ id: `${zoneId}/A/${name}`, name, privateDnsZoneId: zoneId, fqdn: `${name}.privatelink.azurecr.io.`, ttl: 10, etag, ipv4Addresses: ips });
const registry = { name: 'myregistry', loginServer: 'myregistry.azurecr.io' };

void describe('create DNS records: rows from the NIC (the seed state: eastus replica without its record)', () => {
  const rows = dnsRecordRows(registry, [nic], zoneId, [record('myregistry', ['10.0.0.7'], 'e1'), record('myregistry.westeurope.data', ['10.0.0.9'], 'e2')]);

  void it('one row per member: registry matches, westeurope gains 10.0.0.6, eastus is created', () => {
    assert.deepEqual(rows.map((r) => [r.recordSetName, r.state, r.change]), [
      ['myregistry', 'matches', 'myregistry already holds 10.0.0.7'],
      ['myregistry.eastus.data', 'create', 'Create myregistry.eastus.data → 10.0.0.5'],
      ['myregistry.westeurope.data', 'add', 'Add 10.0.0.6 to myregistry.westeurope.data, keeping 10.0.0.9'],
    ]);
  });

  void it('writes: If-None-Match * for the new record, If-Match on the etag read for the change, nothing for the match', () => {
    assert.deepEqual(dnsRecordWrites(rows), [
      { kind: 'createARecordSet', privateDnsZoneId: zoneId, recordSetName: 'myregistry.eastus.data', ttl: 10, ipv4Addresses: ['10.0.0.5'], ifNoneMatch: '*' },
      { kind: 'addToARecordSet', recordSetId: `${zoneId}/A/myregistry.westeurope.data`, ifMatch: 'e2', ttl: 10, existingIpv4Addresses: ['10.0.0.9'], addedIpv4Addresses: ['10.0.0.6'] },
    ]);
  });

  void it('exports a zone-file snippet and hosts lines', () => {
    assert.equal(
      zoneFileSnippet(rows),
      '$ORIGIN privatelink.azurecr.io.\nmyregistry                  10  IN  A  10.0.0.7\nmyregistry.eastus.data      10  IN  A  10.0.0.5\nmyregistry.westeurope.data  10  IN  A  10.0.0.6\n',
    );
    assert.equal(hostsLines(rows), '10.0.0.7\tmyregistry.azurecr.io\n10.0.0.5\tmyregistry.eastus.data.azurecr.io\n10.0.0.6\tmyregistry.westeurope.data.azurecr.io\n');
  });
});

void describe('create DNS records for a registry with a domain-name-label scope', () => {
  const label = 'contosoacrregistry-e7ggejfuhzhgedc8';
  const hashedNic: NetworkInterface = {
    ...nic,
    ipConfigurations: [
      { name: 'a', privateIPAddress: '10.2.0.4', groupId: 'registry', requiredMemberName: 'registry', fqdns: [`${label}.azurecr.io`] },
      { name: 'b', privateIPAddress: '10.2.0.5', groupId: 'registry', requiredMemberName: 'registry_data_westeurope', fqdns: [`${label}.westeurope.data.azurecr.io`] },
    ],
  };
  // A record set under the bare name (the documentation's --name $REGISTRY_NAME) is not the registry's.
  const rows = dnsRecordRows({ name: 'contosoacrregistry', loginServer: `${label}.azurecr.io` }, [hashedNic], zoneId, [record('contosoacrregistry', ['10.2.0.4'], 'e1')]);

  void it('names every row after the NIC FQDN, hash included, and creates them all', () => {
    assert.deepEqual(rows.map((r) => [r.recordSetName, r.fqdn, r.state]), [
      [label, `${label}.azurecr.io`, 'create'],
      [`${label}.westeurope.data`, `${label}.westeurope.data.azurecr.io`, 'create'],
    ]);
    assert.equal(hostsLines(rows), `10.2.0.4\t${label}.azurecr.io\n10.2.0.5\t${label}.westeurope.data.azurecr.io\n`);
  });
});

void describe('create DNS records for two endpoints that share the zone\'s record sets', () => {
  const second: NetworkInterface = {
    ...nic,
    id: `${nic.id}2`,
    ipConfigurations: [
      { name: 'a', privateIPAddress: '10.0.0.8', groupId: 'registry', requiredMemberName: 'registry', fqdns: ['myregistry.azurecr.io'] },
      { name: 'c', privateIPAddress: '10.0.0.10', groupId: 'registry', requiredMemberName: 'registry_data_eastus', fqdns: ['myregistry.eastus.data.azurecr.io'] },
    ],
  };
  const rows = dnsRecordRows(registry, [nic, second], zoneId, [record('myregistry', ['10.0.0.7'], 'e1'), record('myregistry.westeurope.data', ['10.0.0.9'], 'e2')]);

  void it('writes each record set once, with every endpoint\'s IP: one create, one add, never a second create refused by If-None-Match', () => {
    assert.deepEqual(dnsRecordWrites(rows), [
      { kind: 'addToARecordSet', recordSetId: `${zoneId}/A/myregistry`, ifMatch: 'e1', ttl: 10, existingIpv4Addresses: ['10.0.0.7'], addedIpv4Addresses: ['10.0.0.8'] },
      { kind: 'createARecordSet', privateDnsZoneId: zoneId, recordSetName: 'myregistry.eastus.data', ttl: 10, ipv4Addresses: ['10.0.0.5', '10.0.0.10'], ifNoneMatch: '*' },
      { kind: 'addToARecordSet', recordSetId: `${zoneId}/A/myregistry.westeurope.data`, ifMatch: 'e2', ttl: 10, existingIpv4Addresses: ['10.0.0.9'], addedIpv4Addresses: ['10.0.0.6'] },
    ]);
  });
});

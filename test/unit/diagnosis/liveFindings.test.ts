import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type LiveAnswer } from '../../../src/diagnosis';
import { healthyTopology } from './builder';

function answer(fqdn: string, partial: Partial<LiveAnswer>): LiveAnswer {
  return { fqdn, server: 'system', status: 'ok', chain: [fqdn], addresses: [], addressClass: 'none', elapsedMs: 3, checkedAt: '2025-01-01T00:00:00.000Z', ...partial };
}

void test('a live answer with the endpoint IP adds no finding', () => {
  const { snapshot, registry } = healthyTopology();
  const live = [answer('myregistry.azurecr.io', { addresses: ['10.0.0.7'], addressClass: 'private' })];
  assert.ok(!diagnose(snapshot, registry.id, live).some((f) => f.id.startsWith('live.')));
});

void test('resolving the public IP is a warning while public access is on, and an error once it is off', () => {
  const { snapshot, registry } = healthyTopology();
  const live = [answer('myregistry.azurecr.io', { addresses: ['20.61.99.68'], addressClass: 'public' })];
  assert.equal(diagnose(snapshot, registry.id, live).find((f) => f.id === 'live.resolvesPublic')?.severity, 'warning');
  registry.publicNetworkAccess = 'Disabled';
  const finding = diagnose(snapshot, registry.id, live).find((f) => f.id === 'live.resolvesPublic');
  assert.equal(finding?.severity, 'error');
  assert.match(finding!.message, /168\.63\.129\.16/);
});

void test('a private IP no endpoint serves is a mismatch; NXDOMAIN is the "unresolvable host"', () => {
  const { snapshot, registry } = healthyTopology();
  const live = [
    answer('myregistry.azurecr.io', { addresses: ['10.0.0.99'], addressClass: 'private' }),
    answer('myregistry.eastus.data.azurecr.io', { status: 'nxdomain' }),
  ];
  const findings = diagnose(snapshot, registry.id, live);
  assert.equal(findings.find((f) => f.id === 'live.mismatch')?.subject, 'myregistry.azurecr.io');
  const nx = findings.find((f) => f.id === 'live.nxdomain');
  assert.equal(nx?.subject, 'myregistry.eastus.data.azurecr.io');
  assert.equal(nx?.severity, 'error');
});

void test('a DNS server that fails every query is reported once, as a warning about the server', () => {
  const { snapshot, registry } = healthyTopology();
  const live = ['myregistry.azurecr.io', 'myregistry.westeurope.data.azurecr.io'].map((f) => answer(f, { server: '127.0.0.1:5399', status: 'timeout', errorCode: 'ETIMEOUT' }));
  const failed = diagnose(snapshot, registry.id, live).filter((f) => f.id === 'live.resolverFailed');
  assert.equal(failed.length, 1);
  assert.equal(failed[0]?.subject, '127.0.0.1:5399');
  assert.equal(failed[0]?.severity, 'warning');
});

// The create-registry page: hostile names in its draft appear only escaped and read back unchanged;
// its messages and persisted state are read strictly; the check's verdict is healthy only when nothing
// is wrong and nothing is unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWebviewHtml } from '../../../src/webviews/html';
import { defaultCreateRegistryForm, type CreateRegistryForm } from '../../../src/provisioning/createRegistryForm';
import { createRegistryStateElementId, parseCreateRegistryMessage, parseCreateRegistryPersisted, type CreateRegistryPersisted } from '../../../src/webviews/forms/createRegistryProtocol';
import { checkView } from '../../../src/webviews/forms/registryCheckView';
import type { RegistryDiagnosis } from '../../../src/state/registryDiagnosis';
import type { Finding } from '../../../src/diagnosis';
import type { FqdnRow } from '../../../src/diagnosis';
import { inventory, SUB } from '../provisioning/fixtures';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const hostile = ['<script>alert(1)</script>', `my"registry'name`, 'reg\u202Eyrtsiger', '</script><script>alert(2)</script>', 'a&b <!-- c'];

function draft(overrides: Partial<CreateRegistryForm> = {}): CreateRegistryForm {
  return { ...defaultCreateRegistryForm({ ...inventory(), regions: [{ name: 'westeurope', displayName: 'West Europe' }] }), registryName: 'contosoprivate', ...overrides };
}

void test('hostile names in the draft appear only escaped in the page and read back unchanged', () => {
  for (const name of hostile) {
    const data: CreateRegistryPersisted = { subscriptionId: SUB, draft: draft({ registryName: name, endpointName: name, replicaLocations: [name] }) };
    const html = buildWebviewHtml({ cspSource, scriptUri: `${cspSource}/ext/dist/webview/createRegistry.js`, styleUri: `${cspSource}/ext/dist/webview/webview.css`, title: 'Create registry with private endpoint', initialState: { elementId: createRegistryStateElementId, data }, nonce: 'n0nce+/=' });
    // The initial state, the message bundle and the page's module: nothing else.
    assert.equal((html.match(/<script\b/g) ?? []).length, 3);
    assert.doesNotMatch(html, /alert\(\d\)<\/script>/);
    assert.doesNotMatch(html, /\u202E/);
    const text = new RegExp(`<script type="application/json" id="${createRegistryStateElementId}" nonce="[^"]+">([\\s\\S]*?)</script>`).exec(html)?.[1] ?? '';
    assert.doesNotMatch(text, /[<>&\u202E\u2028\u2029]/);
    const back = parseCreateRegistryPersisted(JSON.parse(text));
    assert.deepEqual([back?.draft?.registryName, back?.draft?.endpointName, back?.draft?.replicaLocations], [name, name, [name]]);
  }
});

void test('messages from the page are read strictly', () => {
  assert.deepEqual(parseCreateRegistryMessage({ type: 'checkName', name: 'contosoprivate' }), { type: 'checkName', name: 'contosoprivate' });
  assert.equal(parseCreateRegistryMessage({ type: 'checkName', name: 'x'.repeat(65) }), undefined);
  assert.equal(parseCreateRegistryMessage({ type: 'checkName', name: 1 }), undefined);
  assert.equal(parseCreateRegistryMessage({ type: 'checkName', name: 'a', extra: true }), undefined);
  assert.deepEqual(parseCreateRegistryMessage({ type: 'submit', form: draft() }), { type: 'submit', form: draft() });
  assert.equal(parseCreateRegistryMessage({ type: 'submit', form: { ...draft(), sku: 'Basic' } }), undefined);
  assert.equal(parseCreateRegistryMessage({ type: 'changeSubscription', subscriptionId: '../../etc' }), undefined);
  assert.equal(parseCreateRegistryMessage({ type: 'deleteEverything' }), undefined);
  assert.equal(parseCreateRegistryPersisted({ subscriptionId: 'not a subscription' }), undefined);
});

const finding = (severity: Finding['severity'], id: Finding['id'], message: string): Finding => ({ id, key: `${id}|x`, severity, subject: 'x', registryId: '/r', message });
const row = (verdict: FqdnRow['verdict'], fqdn: string, note?: string): FqdnRow => ({ fqdn, verdict, ...(note ? { note } : {}), findingKeys: [] }) as unknown as FqdnRow;
const diagnosis = (findings: Finding[], rows: FqdnRow[]): RegistryDiagnosis => ({ findings, networkFindings: [], rows, records: [], connectivityBasis: { parts: {}, unread: {} } });

void test('the check\'s verdict: healthy only with no error, no warning and nothing unknown', () => {
  const ok = [row('ok', 'contosoprivate.azurecr.io'), row('ok', 'contosoprivate.westeurope.data.azurecr.io')];
  const healthy = checkView('contosoprivate', diagnosis([finding('info', 'registry.publicNetworkAccessEnabled', 'Public access is on.')], ok));
  assert.equal(healthy.verdict, 'healthy');
  assert.match(healthy.summary, /^contosoprivate is healthy: the check found nothing wrong \(2 host names/);

  const problems = checkView('contosoprivate', diagnosis([finding('error', 'dns.zone.notLinked', 'The zone is not linked.')], ok));
  assert.equal(problems.verdict, 'problems');
  assert.deepEqual(problems.lines, ['The zone is not linked.']);

  const unknown = checkView('contosoprivate', diagnosis([], [row('ok', 'a'), row('unknown', 'contosoprivate.azurecr.io', 'the record sets could not be read')]));
  assert.equal(unknown.verdict, 'unknown');
  assert.deepEqual(unknown.lines, ['contosoprivate.azurecr.io: could not check (the record sets could not be read)']);

  assert.equal(checkView('contosoprivate', undefined).verdict, 'unknown');
});

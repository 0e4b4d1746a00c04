// The two forms' pages (create endpoint, DNS records) with hostile Azure names in what the page
// starts from: markup, quotes and right-to-left overrides appear only escaped, and read back unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWebviewHtml } from '../../../src/webviews/html';
import { defaultCreateEndpointForm } from '../../../src/provisioning/createEndpointForm';
import { createEndpointStateElementId, type CreateEndpointPersisted } from '../../../src/webviews/forms/createEndpointProtocol';
import { dnsRecordsStateElementId, parseDnsRecordsMessage, parseDnsRecordsPersisted, type DnsRecordsPersisted } from '../../../src/webviews/forms/dnsRecordsProtocol';
import { inventory, registryId, SUB } from '../provisioning/fixtures';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const hostile = ['<script>alert(1)</script>', `my"registry'name`, 'reg\u202Eyrtsiger', '</script><script>alert(2)</script>', 'a&b <!-- c'];

function page(title: string, elementId: string, data: unknown, bundle: string): string {
  return buildWebviewHtml({ cspSource, scriptUri: `${cspSource}/ext/dist/webview/${bundle}`, styleUri: `${cspSource}/ext/dist/webview/webview.css`, title, initialState: { elementId, data }, nonce: 'n0nce+/=' });
}

function stateText(html: string, elementId: string): string {
  const match = new RegExp(`<script type="application/json" id="${elementId}" nonce="[^"]+">([\\s\\S]*?)</script>`).exec(html);
  assert.ok(match, 'the initial state element is present');
  return match[1]!;
}

function assertOnlyEscaped(html: string, elementId: string, name: string): void {
  assert.equal((html.match(/<script\b/g) ?? []).length, 3, `no extra script element for ${JSON.stringify(name)}`);
  assert.doesNotMatch(html, /alert\(\d\)<\/script>/);
  assert.doesNotMatch(html, /\u202E/, 'no raw right-to-left override anywhere in the page');
  const text = stateText(html, elementId);
  // Inside the JSON element: no markup characters and no raw bidi override, only \u escapes.
  assert.doesNotMatch(text, /[<>&\u202E\u2028\u2029]/);
}

function csp(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match);
  return match[1]!.replace(/&#39;/g, "'");
}

void test('create-endpoint form: hostile names in the draft appear only escaped and read back unchanged', () => {
  for (const name of hostile) {
    const draft = { ...defaultCreateEndpointForm(inventory(), registryId), name, connectionName: name, requestMessage: name };
    const data: CreateEndpointPersisted = { registryId, subscriptionId: SUB, draft };
    const html = page(`Create private endpoint for ${name}`, createEndpointStateElementId, data, 'createEndpoint.js');
    assertOnlyEscaped(html, createEndpointStateElementId, name);
    const back = JSON.parse(stateText(html, createEndpointStateElementId)) as CreateEndpointPersisted;
    assert.deepEqual([back.draft?.name, back.draft?.connectionName, back.draft?.requestMessage], [name, name, name]);
    const title = html.split('<title>')[1]!.split('</title>')[0]!;
    assert.doesNotMatch(title, /["'<>\u202E]/);
  }
});

void test('DNS records form: a registry id and a typed TTL with markup, quotes or RTL characters stay data', () => {
  for (const name of hostile) {
    const data: DnsRecordsPersisted = { registryId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${name}`, ttlText: name.slice(0, 16) };
    const html = page('Create DNS records', dnsRecordsStateElementId, data, 'dnsRecords.js');
    assertOnlyEscaped(html, dnsRecordsStateElementId, name);
    assert.deepEqual(parseDnsRecordsPersisted(JSON.parse(stateText(html, dnsRecordsStateElementId))), data);
  }
});

void test('both forms: the policy has the nonce on every script and no unsafe-inline', () => {
  for (const [elementId, bundle] of [[createEndpointStateElementId, 'createEndpoint.js'], [dnsRecordsStateElementId, 'dnsRecords.js']] as const) {
    const html = page('form', elementId, { registryId }, bundle);
    const policy = csp(html);
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'nonce-n0nce\+\/='(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /nonce="n0nce\+\/="/);
    assert.match(html, new RegExp(`<script type="module" src="[^"]*/dist/webview/${bundle.replace('.', '\\.')}" nonce=`));
    assert.doesNotMatch(html, /\son[a-z]+=|\sstyle=/i);
  }
});

void test('DNS records form messages: only the known shapes, a valid TTL, no extra fields', () => {
  assert.deepEqual(parseDnsRecordsMessage({ type: 'create', ttl: 300 }), { type: 'create', ttl: 300 });
  assert.deepEqual(parseDnsRecordsMessage({ type: 'copy', format: 'hosts' }), { type: 'copy', format: 'hosts' });
  for (const bad of [
    { type: 'create', ttl: 0 },
    { type: 'create', ttl: 1.5 },
    { type: 'create', ttl: '300' },
    { type: 'create', ttl: 300, ipv4Address: '10.0.0.99' },
    { type: 'copy', format: '<script>' },
    { type: 'ready', extra: true },
    { type: 'delete' },
    ['create'],
    null,
  ]) {
    assert.equal(parseDnsRecordsMessage(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(parseDnsRecordsPersisted({ registryId: 'javascript:alert(1)' }), undefined);
});

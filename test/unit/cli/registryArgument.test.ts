// `--registry` takes the name, or the login server people copy from the portal: for a registry with a
// domain-name-label scope that is `<name>-<hash>.azurecr.io`, which the name alone does not match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../../src/cli/args';
import { namesRegistry } from '../../../src/azure/registryScope';
import type { Registry } from '../../../src/model/types';

const registryArg = (value: string): string | undefined => {
  const parsed = parseCommand(['check', '--registry', value]);
  return parsed.kind === 'check' ? parsed.options.registry : undefined;
};

void test('a name, a hashed label and a login server are accepted; a dash in the name part is not', () => {
  assert.equal(registryArg('contosoacrregistry'), 'contosoacrregistry');
  assert.equal(registryArg('contosoacrregistry-e7ggejfuhzhgedc8'), 'contosoacrregistry-e7ggejfuhzhgedc8');
  assert.equal(registryArg('contosoacrregistry-e7ggejfuhzhgedc8.azurecr.io'), 'contosoacrregistry-e7ggejfuhzhgedc8.azurecr.io');
  const bad = parseCommand(['check', '--registry', 'my-registry']);
  assert.equal(bad.kind, 'usageError');
  assert.match(bad.kind === 'usageError' ? bad.message : '', /is not a registry name .* or login server/);
});

void test('the query names a registry by its name, its login server or the login server first label', () => {
  const registry = { name: 'contosoacrregistry', loginServer: 'contosoacrregistry-e7ggejfuhzhgedc8.azurecr.io' } as Registry;
  for (const q of ['contosoacrregistry', 'ContosoAcrRegistry', 'contosoacrregistry-e7ggejfuhzhgedc8', 'contosoacrregistry-e7ggejfuhzhgedc8.azurecr.io.']) assert.equal(namesRegistry(registry, q), true, q);
  assert.equal(namesRegistry(registry, 'contosoacrregistry.azurecr.io'), false);
  assert.equal(namesRegistry(registry, 'contosoacrregistry-0000000000000000'), false);
});

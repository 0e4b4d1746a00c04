// Settings a workspace must not set, and numbers held to their bounds when read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { boundedInteger, integerSettings } from '../../src/session/settingBounds';

interface Property {
  type: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  scope?: string;
}
interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; restrictedConfigurations?: string[] }; virtualWorkspaces?: unknown };
  contributes: { configuration: { properties: Record<string, Property> } };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

void describe('settings: numbers', () => {
  const concurrency = integerSettings.concurrency;

  void it('uses a value within the bounds as it is', () => {
    assert.deepEqual(boundedInteger(16, concurrency), { value: 16 });
    assert.deepEqual(boundedInteger(1, concurrency), { value: 1 });
    assert.deepEqual(boundedInteger(64, concurrency), { value: 64 });
  });

  void it('holds a value outside the bounds to the nearest bound and says why', () => {
    assert.deepEqual(boundedInteger(0, concurrency), { value: 1, adjusted: '0 is below the minimum, 1; using 1' });
    assert.deepEqual(boundedInteger(-5, concurrency), { value: 1, adjusted: '-5 is below the minimum, 1; using 1' });
    assert.deepEqual(boundedInteger(1_000_000, concurrency), { value: 64, adjusted: '1000000 is above the maximum, 64; using 64' });
  });

  void it('drops a fraction (a limiter needs whole slots)', () => {
    assert.deepEqual(boundedInteger(2.7, concurrency), { value: 2, adjusted: '2.7 is not a whole number; using 2' });
    assert.deepEqual(boundedInteger(0.5, concurrency), { value: 1, adjusted: '0.5 is not a whole number; using 1' });
  });

  void it('uses the default for a value that is not a number', () => {
    assert.deepEqual(boundedInteger(undefined, concurrency), { value: 8 });
    assert.deepEqual(boundedInteger(null, concurrency), { value: 8 });
    assert.deepEqual(boundedInteger('64', concurrency), { value: 8, adjusted: '"64" is not a number; using the default, 8' });
    assert.deepEqual(boundedInteger(Number.NaN, concurrency).value, 8);
    assert.deepEqual(boundedInteger(Number.POSITIVE_INFINITY, concurrency).value, 8);
  });

  void it('declares in package.json the same bounds and default the extension applies, for every numeric setting', () => {
    const numeric = Object.entries(properties).filter(([, p]) => p.type === 'number' || p.type === 'integer');
    assert.ok(numeric.length > 0);
    for (const [key, p] of numeric) {
      const name = key.replace(/^acrPrivateLink\./, '');
      const bounds = (integerSettings as Record<string, { default: number; minimum: number; maximum: number }>)[name];
      assert.ok(bounds, `${key} has no bounds in src/session/settingBounds.ts, so it is not held to them when read`);
      assert.deepEqual({ type: p.type, default: p.default, minimum: p.minimum, maximum: p.maximum }, { type: 'integer', ...bounds }, key);
    }
  });
});

void describe('settings: what a workspace may set', () => {
  void it('takes the cloud, the credentials, the sandbox and the DNS servers only from the user (machine or application scope)', () => {
    const sensitive = ['environment', 'authentication', 'tenantId', 'dnsServers', 'sandbox.armEndpoint', 'sandbox.caCertFile', 'sandbox.dnsServer', 'sandbox.tenantId'];
    for (const name of sensitive) {
      assert.ok(['machine', 'application'].includes(properties[`acrPrivateLink.${name}`]?.scope ?? 'window'), `acrPrivateLink.${name} can be set by a workspace`);
    }
    for (const key of Object.keys(properties).filter((k) => k.startsWith('acrPrivateLink.sandbox.'))) {
      assert.ok(sensitive.includes(key.replace(/^acrPrivateLink\./, '')), `${key} is a sandbox setting a workspace could set`);
    }
  });

  void it('declares what it does in an untrusted workspace, restricting every setting a workspace can still set', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    const workspaceSettable = Object.entries(properties).filter(([, p]) => !['machine', 'application'].includes(p.scope ?? 'window')).map(([k]) => k);
    assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), workspaceSettable.sort());
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
  });
});

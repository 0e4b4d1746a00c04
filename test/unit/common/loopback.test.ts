// What counts as loopback: the sandbox listens only there unless told --allow-remote, and the CLI
// treats a loopback ARM endpoint as a sandbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost } from '../../../src/common/loopback';

void test('127.0.0.0/8, ::1 (bracketed or not) and localhost are loopback', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', 'api.localhost', '::ffff:127.0.0.1']) {
    assert.equal(isLoopbackHost(host), true, host);
  }
});

void test('every other address or name is not, the wildcard addresses and private ranges included', () => {
  for (const host of ['0.0.0.0', '::', '10.0.0.7', '192.168.1.20', '172.16.0.1', '8.8.8.8', '128.0.0.1', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io', '']) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runCli } from './runCli';

void test('--help prints the usage and the exit codes, and exits 0', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /check --registry <name>/);
  assert.match(r.stdout, /0 healthy \(everything was read and verified\), 1 errors found \(at least one error\s+proven from what was read\), 2 could not check \(no error proven, but a read failed or a verdict is\s+unknown; or the check could not run\)/);
});

void test('a check without --registry exits 2 and says what is missing', async () => {
  const r = await runCli(['check']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--registry <name> is required/);
});

void test('an unknown option or command exits 2 with the reason', async () => {
  const unknownOption = await runCli(['check', '--registry', 'myregistry', '--registyr', 'x']);
  assert.equal(unknownOption.code, 2);
  assert.match(unknownOption.stderr, /registyr/);
  const unknownCommand = await runCli(['verify', '--registry', 'myregistry']);
  assert.equal(unknownCommand.code, 2);
  assert.match(unknownCommand.stderr, /Unknown command 'verify'/);
});

void test('--fix without --yes refuses to change anything and explains how to confirm', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--fix']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /add --yes to confirm/);
});

void test('a DNS server that is not an address, or a registry name Azure would refuse, exits 2', async () => {
  const dns = await runCli(['check', '--registry', 'myregistry', '--dns-server', 'dns.example.com']);
  assert.equal(dns.code, 2);
  assert.match(dns.stderr, /--dns-server 'dns\.example\.com' is not an IP address/);
  const name = await runCli(['check', '--registry', 'my-registry']);
  assert.equal(name.code, 2);
  assert.match(name.stderr, /is not a registry name/);
});

void test('a sandbox ready file that does not exist exits 2 naming the file', async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', '/nonexistent/ready.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Cannot read the sandbox ready file \/nonexistent\/ready\.json/);
});

void test('a CA file that is /dev/zero exits 2 at once naming the file, instead of reading forever', { skip: !fs.existsSync('/dev/zero') }, async () => {
  const r = await runCli(['check', '--registry', 'myregistry', '--arm-endpoint', 'https://127.0.0.1:9', '--ca-file', '/dev/zero']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Cannot read the CA file \/dev\/zero: it is a character device, not a regular file\./);
});

void test('a negative, zero, non-numeric or missing --timeout / --request-timeout exits 2 with one sentence naming the option, the value and what is allowed', async () => {
  const cases: [string[], string][] = [
    [['--timeout', '-5'], "--timeout must be a number of seconds above 0 and at most 3600 (got '-5')."],
    [['--timeout=-5'], "--timeout must be a number of seconds above 0 and at most 3600 (got '-5')."],
    [['--request-timeout', '-5'], "--request-timeout must be a number of seconds above 0 and at most 3600 (got '-5')."],
    [['--timeout', 'abc'], "--timeout must be a number of seconds above 0 and at most 3600 (got 'abc')."],
    [['--timeout', '0'], "--timeout must be a number of seconds above 0 and at most 3600 (got '0')."],
    [['--timeout'], '--timeout needs a value: a number of seconds above 0 and at most 3600.'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['check', '--registry', 'myregistry', '--sandbox-ready-file', '/nonexistent/ready.json', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    // Refused before anything is read: the ready file is never opened.
    assert.equal(r.stderr.split('\n')[0], message, args.join(' '));
    assert.doesNotMatch(r.stderr, /ambiguous|ready file/, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const zh = await runCli(['check', '--registry', 'myregistry', '--lang', 'zh-tw', '--timeout', '-5']);
  assert.equal(zh.code, 2);
  assert.equal(zh.stderr.split('\n')[0], "--timeout 必須是大於 0 且最多 3600 的秒數（收到的是 '-5'）。");
});

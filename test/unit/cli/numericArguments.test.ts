// A bad value for a numeric option (negative, zero, not a number, missing) gets one sentence of ours
// naming the option, what was given and what is allowed, never util.parseArgs's own wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../../src/cli/args';

const base = ['check', '--registry', 'myregistry'];
const messageFor = (...args: string[]): string => {
  const parsed = parseCommand([...base, ...args]);
  assert.equal(parsed.kind, 'usageError', `${args.join(' ')} should be refused`);
  return parsed.kind === 'usageError' ? parsed.message : '';
};

void test('a negative number after --timeout or --request-timeout is refused by our check, with the value it got', () => {
  for (const flag of ['--timeout', '--request-timeout']) {
    for (const args of [[flag, '-5'], [`${flag}=-5`]]) {
      const message = messageFor(...args);
      assert.equal(message, `${flag} must be a number of seconds above 0 and at most 3600 (got '-5').`, args.join(' '));
      assert.doesNotMatch(message, /ambiguous|Option '/);
    }
  }
});

void test('zero, text and a number beyond the limit are refused naming what is allowed', () => {
  assert.equal(messageFor('--timeout', '0'), "--timeout must be a number of seconds above 0 and at most 3600 (got '0').");
  assert.equal(messageFor('--timeout', 'abc'), "--timeout must be a number of seconds above 0 and at most 3600 (got 'abc').");
  assert.equal(messageFor('--request-timeout', '-0.5'), "--request-timeout must be a number of seconds above 0 and at most 3600 (got '-0.5').");
  assert.equal(messageFor('--timeout', '3601'), "--timeout must be a number of seconds above 0 and at most 3600 (got '3601').");
});

void test('a numeric option with no value, or followed by another option, says a number of seconds is needed', () => {
  assert.equal(messageFor('--timeout'), '--timeout needs a value: a number of seconds above 0 and at most 3600.');
  assert.equal(messageFor('--request-timeout', '--json'), '--request-timeout needs a value: a number of seconds above 0 and at most 3600.');
});

void test('other option mistakes get our sentence too: unknown option, missing value, value given to a switch', () => {
  assert.equal(messageFor('--registyr', 'x'), "Unknown option '--registyr'.");
  assert.equal(messageFor('-x'), "Unknown option '-x'.");
  assert.equal(messageFor('--json=yes'), "--json takes no value (got '--json=yes').");
  assert.equal(messageFor('--subscription'), '--subscription needs a value.');
  assert.equal(messageFor('--subscription', '--json'), "--subscription needs a value; '--json' is an option.");
});

void test('valid numbers, including decimals and the = form, still give the timeouts in ms', () => {
  const parsed = parseCommand([...base, '--timeout', '0.5', '--request-timeout=30', '--json']);
  assert.equal(parsed.kind, 'check');
  if (parsed.kind !== 'check') return;
  assert.equal(parsed.options.timeoutMs, 500);
  assert.equal(parsed.options.requestTimeoutMs, 30_000);
  assert.equal(parsed.options.json, true);
  assert.equal(parseCommand(['-h']).kind, 'help');
  assert.equal(parseCommand([...base, '--', '--json']).kind, 'usageError');
});

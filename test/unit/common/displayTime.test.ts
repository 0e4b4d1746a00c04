// The panels and the tree write dates in VS Code's display language, whatever locale the webview's
// browser or the extension host has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateLocale, formatDateTime, formatTimeOfDay } from '../../../src/common/displayTime';

const iso = '2026-12-07T14:05:09.000Z';

void test('a time is written as the display language writes it: en in English, zh-tw with 上午/下午 and year/month/day order', () => {
  assert.equal(formatDateTime(iso, 'en'), new Date(iso).toLocaleString('en'));
  assert.equal(formatDateTime(iso, 'zh-tw'), new Date(iso).toLocaleString('zh-TW'));
  assert.match(formatDateTime(iso, 'zh-tw'), /^2026\/12\/\d{1,2}\s(上午|下午|中午|晚上|凌晨|清晨|早上)/);
  assert.notEqual(formatDateTime(iso, 'zh-tw'), formatDateTime(iso, 'en'));
  assert.match(formatDateTime(iso, 'en'), /\b(AM|PM)\b/);
  // The tree's "from <time>": the time of day alone.
  assert.equal(formatTimeOfDay(iso, 'zh-tw'), new Date(iso).toLocaleTimeString('zh-TW'));
  assert.match(formatTimeOfDay(iso, 'zh-tw'), /^(上午|下午|中午|晚上|凌晨|清晨|早上)/);
  assert.equal(formatTimeOfDay(iso, 'en'), new Date(iso).toLocaleTimeString('en'));
});

void test('a display language Intl does not know (the pseudo-locale) writes English; a value that is not a date stays as sent', () => {
  assert.equal(dateLocale('zh-tw'), 'zh-TW');
  assert.equal(dateLocale('qps-ploc'), 'en');
  assert.equal(dateLocale('not a language tag!'), 'en');
  assert.equal(formatDateTime(iso, 'qps-ploc'), new Date(iso).toLocaleString('en'));
  assert.equal(formatDateTime('yesterday', 'zh-tw'), 'yesterday');
  assert.equal(formatTimeOfDay('yesterday', 'zh-tw'), 'yesterday');
  assert.equal(formatDateTime(undefined, 'zh-tw'), '');
});

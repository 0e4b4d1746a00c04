// The checker speaks the language it is asked for: --lang, else LC_ALL, LC_MESSAGES or LANG
// (zh_TW.UTF-8 → zh-tw), else English; an unknown --lang is a usage error that names the languages.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { main, type CliIo } from '../../../src/cli/main';
import { chooseLanguage, normalizeLanguage, useLanguage } from '../../../src/cli/language';

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const noBackend = () => Promise.reject(new Error('no check runs in these tests'));

void describe('the checker\'s language', () => {
  afterEach(() => useLanguage('en'));

  void it('reads POSIX locales and language tags', () => {
    assert.equal(normalizeLanguage('zh_TW.UTF-8'), 'zh-tw');
    assert.equal(normalizeLanguage('zh-TW'), 'zh-tw');
    assert.equal(normalizeLanguage('zh_Hant_TW'), 'zh-tw');
    assert.equal(normalizeLanguage('en_US.UTF-8'), 'en');
    assert.equal(normalizeLanguage('C.UTF-8'), 'en');
    assert.equal(normalizeLanguage('POSIX'), 'en');
    assert.equal(normalizeLanguage('fr_FR.UTF-8'), undefined);
  });

  void it('takes --lang first, then LC_ALL, LC_MESSAGES and LANG in that order; a locale it does not speak is English', () => {
    assert.deepEqual(chooseLanguage(['check', '--lang', 'en'], { LANG: 'zh_TW.UTF-8' }), { language: 'en' });
    assert.deepEqual(chooseLanguage(['check', '--lang=zh-tw'], {}), { language: 'zh-tw' });
    assert.deepEqual(chooseLanguage(['check'], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }), { language: 'zh-tw' });
    assert.deepEqual(chooseLanguage(['check'], { LC_ALL: '', LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_TW.UTF-8' }), { language: 'en' });
    assert.deepEqual(chooseLanguage(['check'], { LANG: 'zh_TW.UTF-8' }), { language: 'zh-tw' });
    assert.deepEqual(chooseLanguage(['check'], { LANG: 'de_DE.UTF-8' }), { language: 'en' });
    assert.deepEqual(chooseLanguage(['check'], {}), { language: 'en' });
    assert.deepEqual(chooseLanguage(['check', '--lang', 'klingon'], {}), { unknown: 'klingon' });
  });

  void it('prints its help and its usage errors in zh-TW with --lang zh-tw or LANG=zh_TW.UTF-8, in English otherwise', async () => {
    const zh = capture();
    assert.equal(await main(['--help', '--lang', 'zh-tw'], zh, noBackend, undefined, {}), 0);
    assert.match(zh.out, /^用法：acr-private-link check --registry <name>/);
    assert.match(zh.out, /--lang <en\|zh-tw> +輸出的語言/);

    const fromEnv = capture();
    assert.equal(await main(['check'], fromEnv, noBackend, undefined, { LANG: 'zh_TW.UTF-8' }), 2);
    assert.match(fromEnv.err, /^必須指定 --registry <name>。/);

    const en = capture();
    assert.equal(await main(['check'], en, noBackend, undefined, { LANG: 'en_US.UTF-8' }), 2);
    assert.match(en.err, /^--registry <name> is required\.\n\nUsage: acr-private-link check/);
  });

  void it('refuses a --lang it does not speak, naming the ones it does, and checks nothing', async () => {
    const io = capture();
    assert.equal(await main(['check', '--registry', 'myregistry', '--lang', 'fr'], io, noBackend, undefined, {}), 2);
    assert.match(io.err, /^--lang 'fr' is not a language the checker speaks \(en, zh-tw\)\./);
  });
});

// The words a person reads end their sentences once: no "..", whether written so in the source or
// made when a message from Azure or Node, ending with its own period, is put inside a sentence.
// And the checker's hints (sign-in, TLS, the network) reach the person even when the failed read is
// reported with where it happened.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFailure } from '../../src/cli/main';
import { parseCommand } from '../../src/cli/args';
import { ArmLoadError } from '../../src/azure/errors';
import { clause } from '../../src/common/sentence';

const srcDir = path.resolve(__dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Lines of code (not comments) of every source file, with where they are. */
const codeLines = sourceFiles(srcDir).flatMap((file) =>
  fs.readFileSync(file, 'utf8').split('\n').map((text, i) => ({ at: `${path.relative(srcDir, file)}:${i + 1}`, text })).filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l.text)),
);

/** The arguments of a call, split at the commas outside brackets and strings. */
function splitArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim()) args.push(current.trim());
  return args;
}

const loadError = (message: string, cause: unknown, status?: number, code?: string) =>
  new ArmLoadError({ scope: '/subscriptions', read: 'subscriptions', what: 'subscriptions', message, ...(status !== undefined ? { status } : {}), ...(code !== undefined ? { code } : {}) }, cause);

void describe('messages', () => {
  void it('are written with no ".." in the extension, the checker or the sandbox', () => {
    // Two periods that are not "..." and not a relative path, at the end of a word or a string.
    const doubled = codeLines.filter((l) => /[^./]\.\.(?=[\s'"`]|$)/.test(l.text)).map((l) => l.at);
    assert.deepEqual(doubled, []);
  });

  void it('put a message that came from elsewhere before a period only through clause(), which drops its own', () => {
    const bare = codeLines.filter((l) => /\$\{(?![^}]*clause\()[^}]*\b(message|explanation)\b[^}]*\}\./.test(l.text)).map((l) => `${l.at}: ${l.text.trim()}`);
    assert.deepEqual(bare, []);
  });

  void it('in an l10n.t message, put a message that came from elsewhere before a period only through clause()', () => {
    const bare = codeLines.flatMap((l) => {
      const call = /l10n\.t\((['"])((?:\\.|(?!\1).)*)\1((?:, [^;]*)?)\)/.exec(l.text);
      if (!call) return [];
      const args = splitArguments(call[3]!.replace(/^, /, ''));
      return [...call[2]!.matchAll(/\{(\d+)\}\./g)]
        .map((m) => args[Number(m[1])] ?? '')
        .filter((arg) => /\b(message|explanation)\b/.test(arg) && !arg.includes('clause('))
        .map((arg) => `${l.at}: ${arg}`);
    });
    assert.deepEqual(bare, []);
  });

  void it('shown in a notification are localised: no notification is given literal text', () => {
    // showNotification('warning', `…`) or services.notify('information', '…') would show English in every language.
    const literal = codeLines.filter((l) => /\b(showNotification|notify)\(\s*'(information|warning|error)',\s*[`'"]/.test(l.text)).map((l) => `${l.at}: ${l.text.trim()}`);
    assert.deepEqual(literal, []);
  });

  void it('clause() keeps the first line without its final periods', () => {
    assert.equal(clause('The resource was not found.\nTrace: 1'), 'The resource was not found');
    assert.equal(clause('connect ECONNREFUSED 127.0.0.1:9'), 'connect ECONNREFUSED 127.0.0.1:9');
    assert.equal(clause('Wait... done.. '), 'Wait... done');
  });
});

void describe('the checker\'s failures', () => {
  void it('say to sign in when no credential worked, also when the read that needed it is named', () => {
    const credential = Object.assign(new Error('Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.'), { name: 'CredentialUnavailableError' });
    assert.equal(
      describeFailure(loadError(credential.message, credential)),
      "could not read subscriptions at /subscriptions: Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions; no Azure credential worked: sign in with 'az login' or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET.",
    );
    assert.equal(
      describeFailure(credential),
      "Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions; no Azure credential worked: sign in with 'az login' or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET.",
    );
  });

  void it('name the untrusted TLS certificate and --ca-file, also when the read that failed is named', () => {
    const tls = Object.assign(new Error('unable to verify the first certificate'), { name: 'RestError', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    assert.equal(
      describeFailure(loadError(tls.message, tls, undefined, tls.code)),
      "could not read subscriptions at /subscriptions: unable to verify the first certificate [UNABLE_TO_VERIFY_LEAF_SIGNATURE]; the endpoint's TLS certificate is not trusted: pass the CA that issued it with --arm-endpoint <url> --ca-file <pem>.",
    );
  });

  void it('say when Azure Resource Manager is unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { name: 'RestError', code: 'ECONNREFUSED' });
    assert.equal(describeFailure(refused), 'connect ECONNREFUSED 127.0.0.1:9; Azure Resource Manager is unreachable from this machine.');
  });

  void it('end with one period when Azure\'s message ends with its own', () => {
    const forbidden = Object.assign(new Error('The client does not have authorization to perform action.'), { statusCode: 403 });
    assert.equal(
      describeFailure(loadError(forbidden.message, forbidden, 403)),
      'could not read subscriptions at /subscriptions: The client does not have authorization to perform action (check your role assignments and sign-in).',
    );
    assert.equal(describeFailure(forbidden), 'Azure refused the request (403): The client does not have authorization to perform action.');
    assert.equal(describeFailure(new Error('Something broke.')), 'Something broke.');
  });

  void it('name the option whose URL does not parse', () => {
    for (const url of ['https://', 'https://[x', 'https:// spaces']) {
      const parsed = parseCommand(['check', '--registry', 'myregistry', '--arm-endpoint', url]);
      assert.equal(parsed.kind, 'usageError', url);
      assert.match(parsed.kind === 'usageError' ? parsed.message : '', /^--arm-endpoint must be an https:\/\/ URL/);
    }
  });
});

// Files named by settings and options are read only when they are regular files of a sensible size:
// a path like /dev/zero, a named pipe or a 1 GB file gives a clear error at once, never a hang.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError, readLimitedTextFile } from '../../../src/common/limitedFile';

const options = { what: 'the CA file', maxBytes: 1024 };

function readError(file: string, maxBytes = options.maxBytes): FileReadError {
  try {
    readLimitedTextFile(file, { ...options, maxBytes });
  } catch (e) {
    assert.ok(e instanceof FileReadError, `a FileReadError, not ${String(e)}`);
    return e;
  }
  assert.fail(`${file} was read`);
}

void describe('reading a file a setting names', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limited-file-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

  void it('reads a regular file up to the limit, exactly the limit included', () => {
    const file = path.join(dir, 'ca.pem');
    fs.writeFileSync(file, 'x'.repeat(1024));
    assert.equal(readLimitedTextFile(file, options), 'x'.repeat(1024));
  });

  void it('refuses a file one byte over the limit, saying how large it is and what the limit is', () => {
    const file = path.join(dir, 'big.pem');
    fs.writeFileSync(file, 'x'.repeat(1025));
    const e = readError(file);
    assert.equal(e.code, 'tooLarge');
    assert.match(e.message, /^Cannot read the CA file .*big\.pem: it holds 1025 bytes, more than the 1024 bytes such a file can hold\.$/);
  });

  void it('refuses a 1 GB file without reading it', () => {
    const file = path.join(dir, 'huge.pem');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 1024 ** 3); // sparse: takes no disk space
    const e = readError(file, 1024 * 1024);
    assert.equal(e.code, 'tooLarge');
    assert.match(e.message, /it holds 1024 MiB, more than the 1 MiB/);
  });

  void it('refuses /dev/zero, a character device that never ends, as not a regular file', { skip: !fs.existsSync('/dev/zero') }, () => {
    const e = readError('/dev/zero');
    assert.equal(e.code, 'notRegularFile');
    assert.equal(e.message, 'Cannot read the CA file /dev/zero: it is a character device, not a regular file.');
  });

  void it('refuses a named pipe without waiting for a writer', { skip: process.platform === 'win32' }, () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const e = readError(fifo);
    assert.equal(e.code, 'notRegularFile');
    assert.match(e.message, /it is a named pipe, not a regular file/);
  });

  void it('refuses a folder', () => {
    const e = readError(dir);
    assert.equal(e.code, 'notRegularFile');
    assert.match(e.message, /it is a folder, not a regular file/);
  });

  void it('says when there is no such file', () => {
    const e = readError(path.join(dir, 'missing.pem'));
    assert.equal(e.code, 'notFound');
    assert.match(e.message, /missing\.pem: there is no such file\.$/);
  });
});

// Reads a file that a setting or an option names. Such a path is typed by a person (or copied from
// somewhere), so it is read defensively: only a regular file, and only up to a size limit. A path
// like /dev/zero or a named pipe would otherwise never end, and a huge file would fill memory.

import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import { clause } from './sentence';

export class FileReadError extends Error {
  constructor(message: string, readonly code: 'notFound' | 'notRegularFile' | 'tooLarge' | 'unreadable') {
    super(message);
    this.name = 'FileReadError';
  }
}

export interface LimitedReadOptions {
  /** What the file is, for the message ("the sandbox CA file"). */
  what: string;
  /** The most bytes the file may hold. */
  maxBytes: number;
}

/** A CA certificate file (PEM): a public CA bundle is about 220 KB. */
export const CA_FILE_MAX_BYTES = 1024 * 1024;
/** The sandbox's ready file (a few hundred bytes of JSON). */
export const READY_FILE_MAX_BYTES = 64 * 1024;

/**
 * The text of a regular file of at most `maxBytes`, or a FileReadError that says what is wrong with
 * the path. Opened without blocking (a FIFO with no writer would wait forever) and checked on the
 * opened descriptor, so the file that is read is the file that was checked.
 */
export function readLimitedTextFile(file: string, { what, maxBytes }: LimitedReadOptions): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileReadError(l10n.t('Cannot read {0} {1}: there is no such file.', what, file), 'notFound');
    throw new FileReadError(l10n.t('Cannot read {0} {1}: {2}.', what, file, code ?? clause((e as Error).message)), 'unreadable');
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new FileReadError(l10n.t('Cannot read {0} {1}: it is {2}, not a regular file.', what, file, kindOf(stat)), 'notRegularFile');
    }
    if (stat.size > maxBytes) {
      throw new FileReadError(l10n.t('Cannot read {0} {1}: it holds {2}, more than the {3} such a file can hold.', what, file, formatBytes(stat.size), formatBytes(maxBytes)), 'tooLarge');
    }
    // Read one byte more than allowed: a file that grew since fstat is caught too.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) {
        throw new FileReadError(l10n.t('Cannot read {0} {1}: it holds more than the {2} such a file can hold.', what, file, formatBytes(maxBytes)), 'tooLarge');
      }
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw new FileReadError(l10n.t('Cannot read {0} {1}: {2}.', what, file, (e as NodeJS.ErrnoException).code ?? clause((e as Error).message)), 'unreadable');
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice()) return l10n.t('a character device');
  if (stat.isBlockDevice()) return l10n.t('a block device');
  if (stat.isFIFO()) return l10n.t('a named pipe');
  if (stat.isSocket()) return 'a socket';
  return l10n.t('not a file');
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 10 * 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}

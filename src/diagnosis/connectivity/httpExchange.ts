// One HTTP/1.1 request over a socket that is already open, read by hand. Not node:http: VS Code's
// extension host patches node:http and node:https to send requests through its own agent (its proxy
// support), which ignores a socket handed to it and dials elsewhere; here the request can only ever
// go over the socket the check opened.
import * as l10n from '@vscode/l10n';
import type { Duplex } from 'node:stream';

export interface HttpExchangeResult {
  status: number;
  /** Lower-cased names; a repeated header keeps its first value. */
  headers: Record<string, string>;
  body: string;
}

const headerEnd = Buffer.from('\r\n\r\n');

function error(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Decodes a complete chunked body, or undefined while its last chunk has not arrived. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size)) throw error(l10n.t('The answer has a malformed chunked body.'), 'HPE_INVALID_CHUNK_SIZE');
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/**
 * Sends `GET path` with `Connection: close` and reads the answer: the status line, the headers and
 * at most `maxBody` bytes of the body (Content-Length, chunked, or until the server closes).
 */
export function httpGet(socket: Duplex, host: string, path: string, headers: Record<string, string> = {}, maxBody = 16 * 1024): Promise<HttpExchangeResult> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    let head: { status: number; headers: Record<string, string>; bodyStart: number } | undefined;
    let done = false;
    const finish = (result: HttpExchangeResult | Error): void => {
      if (done) return;
      done = true;
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
      socket.off('close', onEnd);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const bodyText = (body: Buffer): string => body.subarray(0, maxBody).toString('utf8');
    const tryComplete = (ended: boolean): void => {
      if (!head) {
        const end = buffer.indexOf(headerEnd);
        if (end < 0) {
          if (ended) finish(error(buffer.length === 0 ? l10n.t('The server closed the connection without an answer.') : l10n.t('The server closed the connection in the middle of its answer.'), 'ECONNRESET'));
          else if (buffer.length > 64 * 1024) finish(error(l10n.t('The answer\'s headers are too large.'), 'HPE_HEADER_OVERFLOW'));
          return;
        }
        const lines = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
        if (!statusLine?.[1]) {
          finish(error(l10n.t('The answer is not HTTP: {0}.', JSON.stringify((lines[0] ?? '').slice(0, 80))), 'HPE_INVALID_CONSTANT'));
          return;
        }
        const parsed: Record<string, string> = {};
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          if (colon <= 0) continue;
          const name = line.slice(0, colon).trim().toLowerCase();
          if (!(name in parsed)) parsed[name] = line.slice(colon + 1).trim();
        }
        head = { status: Number(statusLine[1]), headers: parsed, bodyStart: end + headerEnd.length };
      }
      const body = buffer.subarray(head.bodyStart);
      const length = head.headers['content-length'];
      if (/chunked/i.test(head.headers['transfer-encoding'] ?? '')) {
        let decoded: Buffer | undefined;
        try {
          decoded = dechunk(body);
        } catch (e) {
          finish(e as Error);
          return;
        }
        if (decoded !== undefined || body.length > maxBody || ended) finish({ status: head.status, headers: head.headers, body: bodyText(decoded ?? body) });
      } else if (length !== undefined && /^\d+$/.test(length)) {
        if (body.length >= Number(length) || body.length >= maxBody || ended) finish({ status: head.status, headers: head.headers, body: bodyText(body.subarray(0, Number(length))) });
      } else if (head.status === 204 || head.status === 304 || body.length >= maxBody || ended) {
        finish({ status: head.status, headers: head.headers, body: bodyText(body) });
      }
    };
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      tryComplete(false);
    };
    const onEnd = (): void => tryComplete(true);
    const onError = (e: Error): void => finish(e);
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
    const lines = [`GET ${path} HTTP/1.1`, `Host: ${host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close', '', ''];
    socket.write(lines.join('\r\n'));
  });
}

// The HTTP exchanges the Azure CLI's test suites recorded against real Azure (VCR cassettes, YAML), as
// plain data: method, path, query, the request headers that matter, bodies parsed as JSON where they
// are JSON. The folder lives beside the repository (../shared/real-traffic, or REAL_TRAFFIC_DIR). Both
// real-traffic suites read it through this module: the sandbox conformance and the extension on replay.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';

const root = path.resolve(__dirname, '../../../..');

export const REAL_TRAFFIC_DIR = process.env['REAL_TRAFFIC_DIR'] ?? path.resolve(root, '..', 'shared', 'real-traffic');

export interface Exchange {
  /** `<module>/<file>.yaml#<index>` */
  ref: string;
  index: number;
  method: string;
  /** The path as recorded (no host, no query). */
  path: string;
  query: URLSearchParams;
  apiVersion: string;
  /** Request headers in lower case (one value each). */
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  status: number;
  /** Response headers in lower case (one value each). */
  responseHeaders: Record<string, string>;
  /** Parsed JSON, '' for an empty body, the raw text when it is not JSON. */
  responseBody: unknown;
  /** The body exactly as Azure sent it. */
  responseText: string;
  /** The `az` command that sent it. */
  command: string;
}

export interface Cassette {
  file: string;
  exchanges: Exchange[];
}

interface VcrInteraction {
  request: { body: string | null; headers: Record<string, string[]>; method: string; uri: string };
  response: { body: { string: string }; headers: Record<string, string[]>; status: { code: number } };
}

function lowerFirst(headers: Record<string, string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v[0] ?? '');
  return out;
}

function parseBody(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return '';
  // Some cassettes keep a request body as Python wrote its bytes: b'{"location": "global", …}'.
  const bytes = /^b'(.*)'$/s.exec(text);
  if (bytes?.[1] !== undefined) return parseBody(bytes[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function readCassette(file: string): Cassette {
  const doc = load(fs.readFileSync(path.join(REAL_TRAFFIC_DIR, file), 'utf8')) as { interactions: VcrInteraction[] };
  const exchanges = doc.interactions.map((it, index): Exchange => {
    const url = new URL(it.request.uri);
    const requestHeaders = lowerFirst(it.request.headers);
    return {
      ref: `${file}#${index}`,
      index,
      method: it.request.method.toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      apiVersion: url.searchParams.get('api-version') ?? '',
      requestHeaders,
      requestBody: parseBody(it.request.body),
      status: it.response.status.code,
      responseHeaders: lowerFirst(it.response.headers),
      responseBody: parseBody(it.response.body.string),
      responseText: it.response.body.string ?? '',
      command: requestHeaders['commandname'] ?? '',
    };
  });
  return { file, exchanges };
}

/** Every cassette of the folder, `<module>/<file>.yaml`, sorted. */
export function cassetteFiles(): string[] {
  if (!fs.existsSync(REAL_TRAFFIC_DIR)) return [];
  return fs
    .readdirSync(REAL_TRAFFIC_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(REAL_TRAFFIC_DIR, d.name)).filter((f) => f.endsWith('.yaml')).map((f) => `${d.name}/${f}`))
    .sort();
}

// What a webview page loads from dist/webview/: at first paint, its entry script, every chunk that
// script imports statically (the browser fetches and runs them all before the page's code runs) and
// the stylesheet. What it import()s later, as parts of the page are shown, is not counted. Read from
// the built files, following their import statements as the browser does.
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

export const webviewPages = { status: 'status.js', createEndpoint: 'createEndpoint.js', dnsRecords: 'dnsRecords.js' } as const;
export type WebviewPageName = keyof typeof webviewPages;

export interface LoadedFiles {
  /** Paths relative to dist/webview/. */
  files: string[];
  bytes: number;
  gzipBytes: number;
}

// `import {a} from "./x.js"`, `import"./x.js"`, `export {a} from "./x.js"` — but not `import("./x.js")`.
const staticImport = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;

function staticImports(folder: string, file: string): string[] {
  const text = fs.readFileSync(path.join(folder, file), 'utf8');
  return [...text.matchAll(staticImport)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)));
}

function staticClosure(folder: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(folder, file));
  }
  return seen;
}

function measure(folder: string, files: Iterable<string>): LoadedFiles {
  const list = [...files].sort();
  const contents = list.map((f) => fs.readFileSync(path.join(folder, f)));
  return { files: list, bytes: contents.reduce((n, c) => n + c.length, 0), gzipBytes: contents.reduce((n, c) => n + gzipSync(c).length, 0) };
}

/** The files a page loads before its first paint: entry, its static imports, the stylesheet. */
export function firstPaintFiles(folder: string, page: WebviewPageName): LoadedFiles {
  return measure(folder, [...staticClosure(folder, webviewPages[page]), 'webview.css']);
}

/** Whether any of the files holds Lit, which every @vscode-elements component is built on. */
export function includesLit(folder: string, files: string[]): boolean {
  return files.some((f) => fs.readFileSync(path.join(folder, f), 'utf8').includes('litHtmlVersions'));
}

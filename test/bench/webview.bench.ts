// What each webview page loads before its first paint (entry script, the chunks it imports
// statically, the stylesheet), from the bundles in dist/webview/. The components and later views
// are import()ed when first shown and are not counted here.
import * as path from 'path';
import { firstPaintFiles, includesLit, webviewPages, type WebviewPageName } from '../harness/webviewBundles';
import { repoRoot } from '../harness/paths';
import { printTable, report, runBench, verdict, type SummaryRow } from './common';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function main(): Promise<void> {
  const folder = path.join(repoRoot(), 'dist', 'webview');
  const rows: SummaryRow[] = [];
  const table: object[] = [];
  for (const page of Object.keys(webviewPages) as WebviewPageName[]) {
    const first = firstPaintFiles(folder, page);
    const lit = includesLit(folder, first.files);
    table.push({ page, 'first paint': kib(first.bytes), gzip: kib(first.gzipBytes), files: first.files.length, 'Lit / components': lit ? 'loaded' : 'not loaded' });
    rows.push({
      benchmark: `webview ${page}: first paint`,
      figure: `${kib(first.bytes)} (gzip ${kib(first.gzipBytes)}) in ${first.files.length} files`,
      target: 'no component modules',
      result: verdict(!lit),
    });
  }
  console.log('first paint of each webview page (the build in dist/webview/)');
  printTable(table);
  report(rows);
  return Promise.resolve();
}

runBench(main);

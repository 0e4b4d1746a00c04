// Mocha bootstrap that VS Code loads in the extension host (extensionTestsPath): runs every
// compiled *.test.js in this folder tree and reports "N passed, N failed".
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { writeCounts } from '../harness/results';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000 });
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? 0;
        console.log(`${passed} passed, ${failed} failed`);
        writeCounts({ passed, failed });
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else resolve();
      });
    } catch (e) {
      writeCounts({ passed: 0, failed: 1 });
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

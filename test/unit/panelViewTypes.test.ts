// Activation registers a serializer for every panel without loading dist/panels.js; the view types it
// uses must be the ones package.json activates the extension for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { panelViewTypes } from '../../src/commands/panelViewTypes';

const root = path.resolve(__dirname, '..', '..', '..');

void test('the panel serializers cover the onWebviewPanel activation events of package.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { activationEvents: string[] };
  const events = manifest.activationEvents.filter((e) => e.startsWith('onWebviewPanel:')).map((e) => e.slice('onWebviewPanel:'.length));
  assert.deepEqual([...panelViewTypes].sort(), events.sort());
});

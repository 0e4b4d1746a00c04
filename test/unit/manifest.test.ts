// What package.json shows in the command palette: the commands a person starts from nothing are
// offered in any state (they ask for sign-in themselves), the node-only ones never.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

interface Manifest {
  contributes: { commands: { command: string }[]; menus: { commandPalette: { command: string; when?: string }[] } };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const paletteWhen = (command: string): string | undefined => manifest.contributes.menus.commandPalette.find((m) => m.command === command)?.when;

void describe('command palette', () => {
  void it('offers Create Private Endpoint… whether or not the extension has signed in yet', () => {
    assert.equal(paletteWhen('acrPrivateLink.createPrivateEndpoint'), undefined);
  });

  void it('hides the commands that need a tree node', () => {
    for (const command of ['acrPrivateLink.fixDnsRecord', 'acrPrivateLink.deletePrivateEndpoint', 'acrPrivateLink.createDnsRecords', 'acrPrivateLink.copyId']) {
      assert.equal(paletteWhen(command), 'false', command);
    }
  });
});

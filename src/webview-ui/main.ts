// The status panel's page: reads its first state from the HTML, keeps what it shows (and what the
// person typed) with setState so a reload loses nothing, and re-renders on every message. Its
// components (the progress ring, the section counters) load after the first render that uses them.
// First: the page's message bundle, before any module that renders words.
import * as l10n from '@vscode/l10n';
import './l10n';
import { initialStateElementId, type ExtensionMessage, type PersistedState, type StatusState } from '../webviews/protocol';
import { defineComponentsIn } from './components';
import { renderApp, type ViewModel } from './render';
import { vscode } from './vscodeApi';
import { rememberFocus } from './focusMemory';

function readInitial(): PersistedState {
  const text = document.getElementById(initialStateElementId)?.textContent ?? 'null';
  const fromHtml = JSON.parse(text) as PersistedState;
  // After a reload, the stored state is newer than the HTML the panel was created with.
  const stored = vscode.getState() as PersistedState | undefined;
  return stored && stored.registryId === fromHtml.registryId ? { ...fromHtml, ...stored } : fromHtml;
}

const persisted = readInitial();
const model: ViewModel = { registryName: persisted.registryName, state: persisted.last, drafts: { ...persisted.drafts } };
const app = document.getElementById('app')!;
let focusKey: string | undefined;
rememberFocus();

document.addEventListener('focusin', (e) => {
  const key = e.target instanceof HTMLElement ? e.target.dataset.focus : undefined;
  if (key !== undefined) focusKey = key;
});

function save(): void {
  vscode.setState({ registryId: persisted.registryId, registryName: model.registryName, last: model.state, drafts: model.drafts });
}

function render(): void {
  const hadFocus = app.contains(document.activeElement);
  app.replaceChildren(
    renderApp(model, {
      send: (message) => vscode.postMessage(message),
      setDraft: (connectionId, text) => {
        model.drafts[connectionId] = text;
        save();
      },
      setDnsOverride: (text) => {
        model.dnsOverride = text;
      },
      dismissError: () => {
        model.error = undefined;
        render();
      },
    }),
  );
  // Re-rendering replaces the elements; put the keyboard focus back where it was.
  if (hadFocus && focusKey !== undefined) {
    const target = app.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`);
    target?.focus();
  }
  // Only attributes are set on these components, so they may be defined after they are rendered.
  defineComponentsIn(app).catch((e: unknown) => console.error('A component of the page did not load:', e));
}

function receive(message: ExtensionMessage): void {
  switch (message.type) {
    case 'state':
      pruneDrafts(model.state, message.state);
      model.state = message.state;
      model.registryName = message.state.registryName;
      save();
      break;
    case 'busy':
      model.busy = message.busy ? (message.label ?? l10n.t('Working…')) : undefined;
      break;
    case 'error':
      model.error = message.message;
      break;
  }
  render();
}

/** A description typed for a connection is spent once its state changed (or it is gone). */
function pruneDrafts(before: StatusState | undefined, after: StatusState): void {
  for (const id of Object.keys(model.drafts)) {
    const now = after.connections.find((c) => c.id === id);
    const then = before?.connections.find((c) => c.id === id);
    if (!now || (then && then.status !== now.status)) delete model.drafts[id];
  }
}

window.addEventListener('message', (event: MessageEvent<ExtensionMessage>) => receive(event.data));
render();
vscode.postMessage({ type: 'ready' });

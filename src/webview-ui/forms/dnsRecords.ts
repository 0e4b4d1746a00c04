// The "Create DNS records" page: one row per required member with record name, IP, TTL, zone and
// what creating it does; a TTL for new record sets; Create; the zone-file snippet and hosts lines
// with copy buttons. Azure's strings go in only as text. The typed TTL survives a reload (setState).
// The first paint is the heading and the status line; the rest, and its components, show once the
// extension has read the records (or failed to, so that "Read again" is there).
// First: the page's message bundle, before any module that renders words.
import * as l10n from '@vscode/l10n';
import '../l10n';
import { defaultRecordTtl } from '../../provisioning/dnsRecords';
import {
  dnsRecordsStateElementId,
  recordTtlProblem,
  type DnsRecordsExtensionMessage,
  type DnsRecordsPersisted,
  type DnsRecordsView,
  type DnsRecordsWebviewMessage,
  type WriteOutcomeView,
} from '../../webviews/forms/dnsRecordsProtocol';
import { defineComponentsIn } from '../components';
import { h } from '../dom';
import { button, textField } from './controls';
import { adoptStyles } from './styles';
import { rememberFocus } from '../focusMemory';

interface PageApi {
  postMessage(message: DnsRecordsWebviewMessage): void;
  getState(): unknown;
  setState(state: DnsRecordsPersisted): void;
}
declare function acquireVsCodeApi(): PageApi;
const vscode = acquireVsCodeApi();

adoptStyles();
rememberFocus();

const initial = JSON.parse(document.getElementById(dnsRecordsStateElementId)?.textContent ?? 'null') as DnsRecordsPersisted;
const stored = vscode.getState() as DnsRecordsPersisted | undefined;
const persisted: DnsRecordsPersisted = stored && stored.registryId === initial.registryId ? { ...initial, ...stored } : initial;

let view: DnsRecordsView | undefined;
let applying = false;
let ttlText = persisted.ttlText ?? String(defaultRecordTtl);

const stateText: Record<string, string> = {
  get matches() {
    return l10n.t('Exists and matches');
  },
  get create() {
    return l10n.t('New record set');
  },
  get add() {
    return l10n.t('Changes an existing record set');
  },
};

const ttl = textField('ttl', l10n.t('TTL of new record sets (seconds)'), (v) => {
  ttlText = v;
  vscode.setState({ ...persisted, ttlText });
  update();
});
const create = button('create', l10n.t('Create records'), () => {
  const value = Number(ttlText);
  if (!applying && recordTtlProblem(value) === undefined) vscode.postMessage({ type: 'create', ttl: value });
});
const refresh = button('refresh', l10n.t('Read again'), () => vscode.postMessage({ type: 'refresh' }), true);
const title = h('h1', {}, l10n.t('Create DNS records'));
const banner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: true } });
const status = h('p', { class: 'field-note', attrs: { id: 'status', role: 'status', 'aria-live': 'polite' } });
const table = h('table', { class: 'records', attrs: { id: 'records', 'aria-label': l10n.t('DNS records') } });
const outcomes = h('ul', { attrs: { id: 'outcomes', 'aria-label': l10n.t('Result'), hidden: true } });
const zoneFile = h('pre', { class: 'export', attrs: { id: 'zone-file', tabindex: '0', 'aria-label': l10n.t('Zone-file snippet') } });
const hosts = h('pre', { class: 'export', attrs: { id: 'hosts', tabindex: '0', 'aria-label': l10n.t('Hosts-file lines') } });
const copyZone = button('copyZoneFile', l10n.t('Copy zone-file snippet'), () => vscode.postMessage({ type: 'copy', format: 'zoneFile' }), true);
const copyHosts = button('copyHosts', l10n.t('Copy hosts lines'), () => vscode.postMessage({ type: 'copy', format: 'hosts' }), true);

const editor = h('div', { attrs: { hidden: true } }, table, ttl.wrapper, h('div', { class: 'row' }, create, refresh));
const exportSection = h(
  'section',
  { attrs: { 'aria-labelledby': 'exports-heading', hidden: true } },
  h('h2', { attrs: { id: 'exports-heading' } }, l10n.t('For a DNS server you run yourself')),
  h('p', { class: 'field-note' }, l10n.t('The same records as a BIND zone-file snippet for privatelink.azurecr.io, or as hosts-file lines with the public names.')),
  zoneFile,
  h('div', { class: 'row' }, copyZone),
  hosts,
  h('div', { class: 'row' }, copyHosts),
);
document.getElementById('app')?.append(title, banner, editor, status, outcomes, exportSection);

let formShown = false;

/** Loads the components of the table's form and the exports, then shows them (once). */
async function showForm(): Promise<void> {
  if (formShown) return;
  await Promise.all([defineComponentsIn(editor), defineComponentsIn(exportSection)]);
  ttl.control.value = ttlText;
  editor.hidden = false;
  exportSection.hidden = false;
  formShown = true;
}

function renderRows(v: DnsRecordsView): void {
  title.textContent = l10n.t('Create DNS records — {0}', v.registryName);
  const head = h('tr', {}, ...[l10n.t('Required member'), l10n.t('Record name'), 'IP', 'TTL', l10n.t('Target zone'), l10n.t('State'), l10n.t('What happens')].map((c) => h('th', { attrs: { scope: 'col' } }, c)));
  table.replaceChildren(
    h('thead', {}, head),
    h(
      'tbody',
      {},
      ...v.rows.map((r) =>
        h(
          'tr',
          { attrs: { 'data-record': r.recordSetName, 'data-state': r.state } },
          h('td', {}, r.requiredMemberName),
          h('td', {}, r.recordSetName),
          h('td', {}, r.ipv4Address),
          h('td', {}, r.state === 'create' ? l10n.t('{0} (new)', ttlText) : String(r.ttl)),
          h('td', {}, `${r.zoneName} (${r.zoneResourceGroup})`),
          h('td', { class: `state state-${r.state}` }, stateText[r.state] ?? r.state),
          h('td', {}, r.change, r.precondition ? h('div', { class: 'field-note' }, r.precondition) : undefined),
        ),
      ),
    ),
  );
  zoneFile.textContent = v.zoneFile;
  hosts.textContent = v.hosts;
}

/** What became of a write, in words (data-status keeps the stable English id). */
const outcomeText: Record<WriteOutcomeView['status'], () => string> = {
  applied: () => l10n.t('applied'),
  conflict: () => l10n.t('changed by someone else since it was read; not written'),
  failed: () => l10n.t('failed'),
  skipped: () => l10n.t('skipped'),
};

function renderOutcomes(list: WriteOutcomeView[]): void {
  outcomes.hidden = false;
  outcomes.replaceChildren(
    ...list.map((o) => h('li', { attrs: { 'data-status': o.status } }, o.message ? l10n.t('{0}: {1} — {2}', o.recordSetName, outcomeText[o.status](), o.message) : l10n.t('{0}: {1}', o.recordSetName, outcomeText[o.status]()))),
  );
  const failed = list.filter((o) => o.status !== 'applied').length;
  status.textContent = failed ? l10n.t('{0} of {1} writes did not go through; the records were read again.', failed, list.length) : list.length === 1 ? l10n.t('1 record set written.') : l10n.t('{0} record sets written.', list.length);
}

function update(): void {
  // Nothing to show before the rows, and the components take their properties once defined.
  if (!formShown) return;
  const problem = recordTtlProblem(Number(ttlText.trim() === '' ? NaN : ttlText));
  ttl.setError(problem);
  const changes = view?.rows.filter((r) => r.state !== 'matches').length ?? 0;
  create.disabled = applying || !view || changes === 0 || problem !== undefined;
  if (view && !applying && outcomes.hidden) status.textContent = changes ? changes === 1 ? l10n.t('1 record set to create or change.') : l10n.t('{0} record sets to create or change.', changes) : l10n.t('Every record exists and matches.');
  if (view) renderRows(view);
}

async function receive(m: DnsRecordsExtensionMessage): Promise<void> {
  switch (m.type) {
    case 'loading':
      status.textContent = l10n.t('Reading the endpoint, its network interface and the zone…');
      break;
    case 'rows':
      await showForm();
      banner.hidden = true;
      view = m.view;
      break;
    case 'applying':
      applying = true;
      status.textContent = l10n.t('Writing records…');
      break;
    case 'applied':
      applying = false;
      renderOutcomes(m.outcomes);
      break;
    case 'copied':
      status.textContent = m.format === 'zoneFile' ? l10n.t('Zone-file snippet copied.') : l10n.t('Hosts lines copied.');
      return;
    case 'error':
      await showForm();
      applying = false;
      showError(m.message);
      break;
  }
  update();
}

function showError(text: string): void {
  banner.textContent = text;
  banner.hidden = false;
}

// One message after another, each once the part of the page it shows has loaded.
let received = Promise.resolve();
window.addEventListener('message', (event: MessageEvent<DnsRecordsExtensionMessage>) => {
  received = received.then(() => receive(event.data)).catch((e: unknown) => showError(l10n.t('Part of the page did not load: {0}', e instanceof Error ? e.message : String(e))));
});

update();
vscode.postMessage({ type: 'ready' });

// Renders the status panel from its state. Every value goes in as text (see dom.ts); buttons are
// real <button>s in reading order, each with a stable `data-focus` key so focus survives a re-render.
import type { ConnectionView, ConnectivityView, FindingView, FqdnRowView, HostConnectivityView, StatusState, WebviewMessage } from '../webviews/protocol';
import * as l10n from '@vscode/l10n';
import { breakAfterDots, displayLanguage, h, lines, type Child } from './dom';
import { answerSummary, chainText, timingText, toneLabel } from './format';
import { formatDateTime } from '../common/displayTime';
import { staleConnectivityNote } from '../common/connectivityWords';
import { connectionStatusText, publicNetworkAccessText } from '../common/azureValues';

export interface ViewModel {
  registryName: string;
  state?: StatusState;
  drafts: Record<string, string>;
  /** What the extension is doing right now (applying a fix, approving…), if anything. */
  busy?: string;
  error?: string;
  /** The DNS server typed for the next check (this page only; not saved). */
  dnsOverride?: string;
}

export interface Actions {
  send(message: WebviewMessage): void;
  setDraft(connectionId: string, text: string): void;
  setDnsOverride(text: string): void;
  dismissError(): void;
}

function button(focusKey: string, label: string, onClick: () => void, options: { disabled?: boolean; secondary?: boolean; describedBy?: string } = {}): HTMLButtonElement {
  return h(
    'button',
    {
      class: options.secondary ? 'secondary' : undefined,
      attrs: { type: 'button', 'data-focus': focusKey, disabled: options.disabled, 'aria-describedby': options.describedBy },
      on: { click: onClick },
    },
    label,
  );
}

function section(id: string, title: string, count: number | undefined, ...children: Child[]): HTMLElement {
  const heading = h('h2', { attrs: { id: `${id}-heading` } }, title);
  if (count !== undefined) heading.append(' ', h('vscode-badge', { attrs: { variant: 'counter', 'aria-label': String(count) } }, String(count)));
  return h('section', { attrs: { 'aria-labelledby': `${id}-heading` } }, heading, ...children);
}

export function renderApp(model: ViewModel, actions: Actions): HTMLElement {
  const s = model.state;
  const blocked = model.busy !== undefined || s === undefined || s.checking;
  return h(
    'div',
    { class: 'panel' },
    renderHeader(model, actions, blocked),
    model.error ? renderError(model.error, actions) : undefined,
    s ? renderBody(s, model, actions, blocked) : h('p', {}, l10n.t('Reading the registry from Azure…')),
  );
}

function renderHeader(model: ViewModel, actions: Actions, blocked: boolean): HTMLElement {
  const s = model.state;
  const safeFixes = s?.findings.filter((f) => f.fix?.safe).length ?? 0;
  const dnsOverride = h('input', {
    attrs: { id: 'dns-override', type: 'text', 'data-focus': 'dns-override', placeholder: l10n.t('from the settings'), 'aria-describedby': 'dns-override-hint', size: '22' },
  });
  dnsOverride.value = model.dnsOverride ?? '';
  dnsOverride.addEventListener('input', () => actions.setDnsOverride(dnsOverride.value));
  const toolbar = h(
    'div',
    { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': l10n.t('Status panel actions') } },
    button('rerun', l10n.t('Re-run checks'), () => {
      const server = dnsOverride.value.trim();
      actions.send(server ? { type: 'rerun', dnsServer: server } : { type: 'rerun' });
    }, { disabled: blocked }),
    button('fixAll', safeFixes ? l10n.t('Fix all safe findings ({0})', safeFixes) : l10n.t('Fix all safe findings'), () => actions.send({ type: 'fixAll' }), {
      disabled: blocked || safeFixes === 0,
      secondary: true,
    }),
    button('export-markdown', l10n.t('Export report (Markdown)'), () => actions.send({ type: 'exportReport', format: 'markdown' }), {
      disabled: !s?.checkedAt,
      secondary: true,
    }),
    button('export-json', l10n.t('Export report (JSON)'), () => actions.send({ type: 'exportReport', format: 'json' }), { disabled: !s?.checkedAt, secondary: true }),
  );
  return h(
    'header',
    {},
    h('h1', {}, model.registryName),
    s ? h('p', { class: 'muted' }, `${s.loginServer} · ${s.sku} · ${s.location}`) : undefined,
    h(
      'div',
      { class: 'dns-override' },
      h('label', { attrs: { for: 'dns-override' } }, l10n.t('DNS server for the next check')),
      dnsOverride,
      h('span', { class: 'muted', attrs: { id: 'dns-override-hint' } }, l10n.t('host or host:port; empty uses the settings')),
    ),
    toolbar,
    // The time it names, as data too: what a reader of the page (or a test) can check its wording against.
    h('p', { class: 'status-line', attrs: { role: 'status', 'data-checked-at': s?.checkedAt } }, ...statusLine(model)),
  );
}

/** Says when the results were computed and whether they are being recomputed: never a stale verdict as current. */
function statusLine(model: ViewModel): Child[] {
  const s = model.state;
  const parts: Child[] = [];
  if (model.busy !== undefined || s?.checking) parts.push(h('vscode-progress-ring', { attrs: { 'aria-hidden': 'true' } }));
  if (model.busy !== undefined) parts.push(`${model.busy} `);
  if (!s) return parts;
  if (s.checking) {
    parts.push(s.checkedAt ? l10n.t('Checking… the results below are from {0} and may be out of date.', formatDateTime(s.checkedAt, displayLanguage())) : l10n.t('Checking…'));
  } else if (s.checkedAt) {
    parts.push(l10n.t('Checked at {0}; live answers from {1}.', formatDateTime(s.checkedAt, displayLanguage()), s.liveServer === 'system' ? l10n.t("this machine's resolver") : s.liveServer));
  }
  return parts;
}

function renderError(message: string, actions: Actions): HTMLElement {
  return h('div', { class: 'error-banner', attrs: { role: 'alert' } }, h('span', {}, message), ' ', button('dismiss-error', l10n.t('Dismiss'), actions.dismissError, { secondary: true }));
}

function renderBody(s: StatusState, model: ViewModel, actions: Actions, blocked: boolean): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (s.loadErrors.length > 0) {
    fragment.append(
      h('div', { class: 'warning-banner', attrs: { role: 'note' } }, h('strong', {}, l10n.t('Not everything could be read: ')), h('ul', {}, ...s.loadErrors.map((e) => h('li', {}, e)))),
    );
  }
  fragment.append(
    renderFqdnTable(s),
    renderConnectivity(s.connectivity, actions, blocked),
    renderFindings(s.findings, s.checking, actions, blocked),
    renderConnections(s.connections, model.drafts, actions, blocked),
    renderRegistry(s),
    renderAllowList(s.allowList, s.allowListNotes ?? [], actions, s.onPremisesForwarder),
  );
  return fragment;
}

function renderFqdnTable(s: StatusState): HTMLElement {
  const stale = s.checking;
  const head = h(
    'thead',
    {},
    h('tr', { attrs: { role: 'row' } }, ...fqdnColumns.map((t) => h('th', { attrs: { scope: 'col', role: 'columnheader' } }, t))),
  );
  const body = h('tbody', {}, ...s.rows.map((row) => renderFqdnRow(row, stale)));
  const caption = stale ? l10n.t('Name resolution per FQDN (checking…; the verdicts shown are from the previous check)') : l10n.t('Name resolution per FQDN');
  // Narrow editor groups show each row as a block with the column names beside the values (webview.css);
  // the explicit roles keep it a table for screen readers whatever its display.
  const table = h('table', { class: stale ? 'stacking stale' : 'stacking', attrs: { role: 'table', 'aria-busy': stale ? 'true' : undefined } }, h('caption', {}, caption), head, body);
  const content = s.rows.length > 0 ? h('div', { class: 'table-scroll', attrs: { role: 'region', 'aria-label': l10n.t('Name resolution table'), tabindex: '0' } }, table) : h('p', {}, l10n.t('No FQDN to check: the registry has no private endpoint whose network interface could be read.'));
  return section('resolution', l10n.t('Name resolution'), undefined, content);
}

const fqdnColumns = ['FQDN', l10n.t('Expected IP (NIC)'), l10n.t('Zone record'), l10n.t('Virtual network answer'), l10n.t('Live answer'), l10n.t('Verdict')] as const;

/** A cell of a stacking table: its column's name goes with it, for the narrow layout. */
function cell(column: string, props: { class?: string }, ...children: Child[]): HTMLElement {
  return h('td', { ...props, attrs: { role: 'cell', 'data-label': column } }, ...children);
}

function renderFqdnRow(row: FqdnRowView, stale: boolean): HTMLElement {
  const where = [row.requiredMemberName, row.privateEndpointName, row.virtualNetworkName && l10n.t('VNet {0}', row.virtualNetworkName)].filter(Boolean).join(' · ');
  // Endpoints sharing the VNet's record set: the answer may hold another endpoint's IP, not this row's.
  const answeredBy = row.answeredBy && row.answeredBy.length > 0 ? l10n.t('answered by {0}', row.answeredBy.join(', ')) : undefined;
  const virtualChain = chainText(row.virtualAnswer);
  const liveChain = chainText(row.liveAnswer);
  const timing = timingText(row.liveAnswer);
  const verdict = stale
    ? cell(l10n.t('Verdict'), { class: 'verdict stale' }, l10n.t('checking…'), h('br'), h('span', { class: 'muted' }, l10n.t('was: {0}', row.verdict)))
    : cell(
        l10n.t('Verdict'),
        { class: `verdict tone-${row.tone}` },
        h('span', { class: 'tone-label' }, `${toneLabel[row.tone]}: `),
        row.verdict,
        ...(answeredBy !== undefined ? [h('br'), h('span', { class: 'muted answered-by' }, answeredBy)] : []),
        ...(row.note !== undefined ? [h('br'), h('span', { class: 'muted verdict-note' }, row.note)] : []),
      );
  return h(
    'tr',
    { attrs: { role: 'row' } },
    h('th', { attrs: { scope: 'row', role: 'rowheader' } }, h('code', { class: 'host' }, breakAfterDots(row.fqdn)), where ? h('div', { class: 'muted' }, where) : undefined),
    cell(l10n.t('Expected IP (NIC)'), {}, row.expectedIp ?? '—'),
    cell(l10n.t('Zone record'), {}, row.zoneRecordIps.length > 0 ? lines(row.zoneRecordIps) : l10n.t('none')),
    cell(
      l10n.t('Virtual network answer'),
      {},
      answerSummary(row.virtualAnswer),
      virtualChain ? h('div', { class: 'muted chain' }, breakAfterDots(virtualChain)) : undefined,
      row.virtualAnswer?.note ? h('div', { class: 'muted' }, row.virtualAnswer.note) : undefined,
    ),
    cell(l10n.t('Live answer'), {}, answerSummary(row.liveAnswer), liveChain ? h('div', { class: 'muted chain' }, breakAfterDots(liveChain)) : undefined, timing ? h('div', { class: 'muted' }, timing) : undefined),
    verdict,
  );
}

/** The steps of a probe and their column names. */
function stepColumns(): [string, string][] {
  return [
    ['resolve', l10n.t('Resolve')],
    ['connect', 'TCP 443'],
    ['tls', 'TLS'],
    ['http', 'GET /v2/'],
  ];
}

function renderConnectivity(c: ConnectivityView | undefined, actions: Actions, blocked: boolean): HTMLElement {
  const title = l10n.t('Connectivity');
  const intro = h(
    'p',
    {},
    l10n.t(
      'From the machine the extension runs on, for the login server and every data endpoint: resolve, open TCP 443 to the address, TLS verified for the public name, then GET /v2/ (401 with the Bearer challenge means reachable; 403 DENIED means the request reached the public endpoint).',
    ),
  );
  const run = button('check-connectivity', l10n.t('Check connectivity'), () => actions.send({ type: 'checkConnectivity' }), { disabled: blocked, secondary: true });
  if (!c) return section('connectivity', title, undefined, intro, run, h('p', { class: 'muted', attrs: { id: 'connectivity-status' } }, l10n.t('Not checked yet.')));
  const steps = stepColumns();
  const columns = [l10n.t('Host'), l10n.t('Address'), ...steps.map(([, label]) => label), l10n.t('Result')];
  const head = h('thead', {}, h('tr', { attrs: { role: 'row' } }, ...columns.map((t) => h('th', { attrs: { scope: 'col', role: 'columnheader' } }, t))));
  const body = h('tbody', {}, ...c.results.map((r) => renderHostConnectivity(r, steps)));
  const resolver = c.dnsServer === 'system' ? l10n.t("this machine's resolver") : c.dnsServer;
  const caption =
    c.mode === 'sandbox'
      ? l10n.t('From {0} (sandbox: each address dialed through its loopback listener); names resolved by {1}', formatDateTime(c.checkedAt, displayLanguage()), resolver)
      : l10n.t('From {0}; names resolved by {1}', formatDateTime(c.checkedAt, displayLanguage()), resolver);
  // Kept for the session, across refreshes: once the registry changed (or whether it did cannot be told), the results are its past, not verdicts.
  const outdated = c.outdated ? h('p', { class: 'muted', attrs: { id: 'connectivity-outdated' } }, staleConnectivityNote(c.undetermined)) : undefined;
  const table = h('table', { class: c.outdated ? 'stacking connectivity stale' : 'stacking connectivity', attrs: { role: 'table' } }, h('caption', {}, caption), head, body);
  return section('connectivity', title, undefined, intro, run, outdated, h('div', { class: 'table-scroll', attrs: { role: 'region', 'aria-label': l10n.t('Connectivity table'), tabindex: '0' } }, table));
}

function renderHostConnectivity(r: HostConnectivityView, steps: [string, string][]): HTMLElement {
  const cells = steps.map(([step, label]) => {
    const s = r.steps.find((x) => x.step === step);
    if (!s) return cell(label, { class: 'muted' }, '—');
    const time = s.outcome === 'ok' ? l10n.t('{0} ms', s.elapsedMs) : s.outcome === 'timeout' ? l10n.t('timed out after {0} ms', s.elapsedMs) : l10n.t('failed after {0} ms', s.elapsedMs);
    return cell(label, { class: s.outcome === 'ok' ? '' : 'tone-error' }, time, h('div', { class: 'muted step-detail' }, breakAfterDots(s.detail)));
  });
  return h(
    'tr',
    { attrs: { role: 'row', 'data-host': r.host } },
    h('th', { attrs: { scope: 'row', role: 'rowheader' } }, h('code', { class: 'host' }, breakAfterDots(r.host)), h('div', { class: 'muted' }, r.role === 'loginServer' ? l10n.t('login server') : l10n.t('data endpoint'))),
    cell(l10n.t('Address'), {}, r.address ?? '—', r.dialed && r.dialed !== `${r.address ?? ''}:443` ? h('div', { class: 'muted' }, r.dialed) : undefined),
    ...cells,
    cell(l10n.t('Result'), { class: `verdict tone-${r.tone}` }, h('span', { class: 'tone-label' }, `${toneLabel[r.tone]}: `), r.result),
  );
}

function renderFindings(findings: FindingView[], stale: boolean, actions: Actions, blocked: boolean): HTMLElement {
  const note = stale ? h('p', { class: 'muted' }, l10n.t('Checking… these findings are from the previous check.')) : undefined;
  if (findings.length === 0) return section('findings', l10n.t('Findings'), 0, note, h('p', {}, stale ? l10n.t('The previous check found nothing.') : l10n.t('No findings: everything checked is as Azure expects.')));
  return section('findings', l10n.t('Findings'), findings.length, note, h('ul', { class: stale ? 'findings stale' : 'findings' }, ...findings.map((f, i) => renderFinding(f, i, actions, blocked))));
}

function renderFinding(f: FindingView, index: number, actions: Actions, blocked: boolean): HTMLElement {
  const details: Child[] = [];
  if (f.expected !== undefined) details.push(h('div', {}, 'Expected: ', h('code', {}, f.expected)));
  if (f.actual !== undefined) details.push(h('div', {}, 'Actual: ', h('code', {}, f.actual)));
  let fix: Child;
  if (f.fix) {
    const noteId = `fix-note-${index}`;
    fix = h(
      'div',
      { class: 'fix' },
      button(`fix:${f.key}`, `Fix: ${f.fix.title}`, () => actions.send({ type: 'fix', findingKey: f.key }), { disabled: blocked, describedBy: noteId }),
      h('details', {}, h('summary', {}, l10n.t('What it writes')), h('ul', {}, ...f.fix.writes.map((w) => h('li', {}, w)))),
      h('p', { class: 'muted', attrs: { id: noteId } }, f.fix.safe ? l10n.t('Only adds; asks before writing.') : l10n.t('Not part of "Fix all": it needs your decision. Asks before writing.')),
    );
  }
  return h(
    'li',
    { class: `finding tone-${f.severity}` },
    h('div', {}, h('span', { class: 'tone-label' }, `${toneLabel[f.severity]}: `), f.message),
    h('div', { class: 'muted' }, h('code', {}, f.subject), ` (${f.id})`),
    ...details,
    fix,
  );
}

function renderConnections(connections: ConnectionView[], drafts: Record<string, string>, actions: Actions, blocked: boolean): HTMLElement {
  if (connections.length === 0) return section('connections', l10n.t('Private endpoint connections'), 0, h('p', {}, l10n.t('No private endpoint connections.')));
  const head = h('thead', {}, h('tr', { attrs: { role: 'row' } }, ...[l10n.t('Private endpoint'), l10n.t('State'), l10n.t('Description'), l10n.t('Approve or reject')].map((t) => h('th', { attrs: { scope: 'col', role: 'columnheader' } }, t))));
  const body = h('tbody', {}, ...connections.map((c, i) => renderConnection(c, i, drafts[c.id] ?? '', actions, blocked)));
  const table = h('table', { class: 'stacking', attrs: { role: 'table' } }, h('caption', {}, l10n.t('Connections as the registry sees them (privateLinkServiceConnectionState)')), head, body);
  return section('connections', l10n.t('Private endpoint connections'), connections.length, h('div', { class: 'table-scroll' }, table));
}

function renderConnection(c: ConnectionView, index: number, draft: string, actions: Actions, blocked: boolean): HTMLElement {
  const name = c.privateEndpointName ?? c.name;
  const canApprove = c.status !== 'Approved' && c.status !== 'Disconnected';
  const canReject = c.status !== 'Rejected' && c.status !== 'Disconnected';
  let controls: Child = h('span', { class: 'muted' }, c.status === 'Disconnected' ? l10n.t('The endpoint was deleted; nothing to approve.') : '—');
  if (canApprove || canReject) {
    const inputId = `description-${index}`;
    const hintId = `description-hint-${index}`;
    const input = h('input', {
      attrs: { id: inputId, type: 'text', 'data-focus': `description:${c.id}`, placeholder: canReject ? l10n.t('Why? (required to reject)') : l10n.t('Description (optional)'), 'aria-describedby': hintId },
    });
    input.value = draft;
    const reject = canReject
      ? button(`reject:${c.id}`, l10n.t('Reject…'), () => actions.send({ type: 'reject', connectionId: c.id, description: input.value }), { disabled: blocked || draft.trim() === '', secondary: true, describedBy: hintId })
      : undefined;
    input.addEventListener('input', () => {
      actions.setDraft(c.id, input.value);
      if (reject) reject.disabled = blocked || input.value.trim() === '';
    });
    controls = h(
      'div',
      { class: 'connection-actions' },
      h('label', { attrs: { for: inputId } }, l10n.t('Description for {0}', name)),
      input,
      h('div', { class: 'buttons' }, canApprove ? button(`approve:${c.id}`, l10n.t('Approve…'), () => actions.send({ type: 'approve', connectionId: c.id, description: input.value }), { disabled: blocked }) : undefined, reject),
      h('p', { class: 'muted', attrs: { id: hintId } }, canReject ? l10n.t('Rejecting needs a description: the endpoint owner sees it. You confirm before anything changes.') : l10n.t('You confirm before anything changes.')),
    );
  }
  return h(
    'tr',
    { attrs: { role: 'row' } },
    h('th', { attrs: { scope: 'row', role: 'rowheader' } }, name),
    cell(l10n.t('State'), { class: `connection-${c.status.toLowerCase()}` }, connectionStatusText(c.status)),
    cell(l10n.t('Description'), {}, c.description ?? ''),
    cell(l10n.t('Approve or reject'), {}, controls),
  );
}

function renderRegistry(s: StatusState): HTMLElement {
  const usage = s.endpointUsage;
  const items: Child[] = [
    h('dt', {}, l10n.t('Public network access')),
    h('dd', {}, publicNetworkAccessText(s.publicNetworkAccess), s.publicNetworkAccess === 'Enabled' ? h('span', { class: 'muted' }, l10n.t(' — clients outside the virtual network can still reach the registry.')) : undefined),
    h('dt', {}, l10n.t('Trusted Azure services (networkRuleBypassOptions)')),
    h('dd', {}, s.networkRuleBypassOptions),
    h('dt', {}, l10n.t('Private endpoint connections used')),
    usage
      ? h('dd', {}, l10n.t('{0} of {1}', usage.currentValue, usage.limit), ' ', h('meter', { attrs: { min: '0', max: String(usage.limit), value: String(usage.currentValue), high: String(Math.floor(usage.limit * 0.9)), 'aria-label': l10n.t('Endpoint usage') } }))
      : h('dd', {}, l10n.t('not read')),
  ];
  return section('registry', l10n.t('Registry network settings'), undefined, h('dl', {}, ...items));
}

function renderAllowList(allowList: string[], notes: string[], actions: Actions, onPremisesForwarder: string | undefined): HTMLElement {
  const text = allowList.join('\n');
  return section(
    'allow-list',
    l10n.t('Allow-list for client proxies and firewalls'),
    undefined,
    h('p', {}, allowList.length === 1 ? l10n.t('The REST endpoint and every data endpoint (1 name), all on port 443:') : l10n.t('The REST endpoint and every data endpoint ({0} names), all on port 443:', allowList.length)),
    h('ul', { class: 'allow-list' }, ...allowList.map((name) => h('li', {}, h('code', {}, name)))),
    ...notes.map((note) => h('p', { class: 'allow-list-note' }, note)),
    button('copy-allow-list', l10n.t('Copy allow-list'), () => actions.send({ type: 'copy', text }), { disabled: allowList.length === 0, secondary: true }),
    onPremisesForwarder ? h('p', { class: 'on-premises-forwarder' }, l10n.t('On-premises and VPN clients: their DNS servers need {0}.', onPremisesForwarder)) : undefined,
  );
}

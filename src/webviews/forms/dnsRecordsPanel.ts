// The "Create DNS records" form: the rows an endpoint's NIC needs (registry and every region's data
// endpoint, replicas included), what each does to the zone, a TTL for new record sets, creation with
// the right preconditions, and the same rows as a zone-file snippet or hosts lines to copy. Rows come
// from the registry store and follow it (a fix in the tree, a refresh); before a write the registry is
// read again through the store: the page never supplies an address or an etag.
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { describeWrite, type WriteOutcome } from '../../model/fixPlan';
import { hostsLines, zoneFileSnippet } from '../../provisioning/dnsRecords';
import { applyRows, recordTargets, rowView, withTtlForNewRecords, type RecordTarget } from './dnsRecordTargets';
import {
  dnsRecordsStateElementId,
  parseDnsRecordsMessage,
  parseDnsRecordsPersisted,
  recordTtlProblem,
  type DnsRecordsExtensionMessage,
  type DnsRecordsPersisted,
  type DnsRecordsView,
  type DnsRecordsWebviewMessage,
  type WriteOutcomeView,
} from './dnsRecordsProtocol';
import { FormPanel, OpenFormPanel } from './formPanel';
import type { RegistryChange } from '../../state/registryStore';

export const dnsRecordsViewType = 'acrPrivateLink.dnsRecords';

function outcomeView(o: WriteOutcome): WriteOutcomeView {
  const w = o.write;
  const recordSetName = 'recordSetName' in w ? w.recordSetName : 'recordSetId' in w ? w.recordSetId.slice(w.recordSetId.lastIndexOf('/') + 1) : describeWrite(w);
  return { recordSetName, status: o.status, ...('message' in o ? { message: o.message } : {}) };
}

export class DnsRecordsPanel extends FormPanel<DnsRecordsPersisted> {
  private view: DnsRecordsView | undefined;
  private outcomes: WriteOutcomeView[] | undefined;
  private loading: Promise<void>;
  private rowsLoading = false;
  private applying = false;

  /** The one open form of this kind: `createOrShow` from its command, `revive` from the serializer. */
  static readonly panels = new OpenFormPanel<DnsRecordsPanel, DnsRecordsPersisted>({
    viewType: dnsRecordsViewType,
    get title() {
      return vscode.l10n.t('Create DNS records');
    },
    script: 'dnsRecords.js',
    stateElementId: dnsRecordsStateElementId,
    parse: parseDnsRecordsPersisted,
    keeps: (existing, target) => existing.applying || sameTarget(existing.target, target),
    make: (services, panel, target) => new DnsRecordsPanel(services, panel, target),
  });

  private constructor(services: Services, panel: vscode.WebviewPanel, target: DnsRecordsPersisted) {
    super(DnsRecordsPanel.panels, services, panel, target);
    this.loading = this.load(false);
    this.disposables.push(services.store.onDidChangeRegistry(target.registryId, (change) => this.storeChanged(change)));
  }

  /** The store's copy of the registry was read again (by anyone): show the rows it gives now, or that the read failed. */
  private storeChanged(change: RegistryChange): void {
    if (this.applying) return;
    if (change.reason === 'failed') this.fail(vscode.l10n.t('Could not read the records'), change.entry.error);
    else if (change.reason === 'reread') this.loading = this.load(false);
  }

  private post(message: DnsRecordsExtensionMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  /** The rows from the registry store; `fresh` reads the registry again through it first (before a write, or on request). */
  private async rows(fresh: boolean): Promise<RecordTarget> {
    await this.services.session.requireReady();
    const store = this.services.store;
    const entry = fresh ? await store.reread(this.target.registryId) : await store.read(this.target.registryId);
    return recordTargets(entry, this.target.privateEndpointId, this.target.privateDnsZoneId);
  }

  private async load(fresh: boolean): Promise<void> {
    this.rowsLoading = true;
    this.post({ type: 'loading' });
    try {
      const target = await this.rows(fresh);
      this.view = {
        registryName: target.registryName,
        rows: target.rows.map(rowView),
        zoneFile: target.rows.length ? zoneFileSnippet(target.rows) : '',
        hosts: target.rows.length ? hostsLines(target.rows) : '',
      };
      this.post({ type: 'rows', view: this.view });
      if (target.rows.length === 0) this.post({ type: 'error', message: vscode.l10n.t('No privatelink.azurecr.io zone is linked to the virtual network of this endpoint: create the endpoint with DNS integration, or link a zone first.') });
    } catch (e) {
      this.fail(vscode.l10n.t('Could not read the records'), e);
    } finally {
      this.rowsLoading = false;
    }
  }

  /** A form that could not read its rows (revived before Azure could answer) tries again. */
  private loadMissingRows(): void {
    if (!this.view && !this.rowsLoading) this.loading = this.load(false);
  }

  protected override sessionChanged(): void {
    this.loadMissingRows();
  }

  private fail(what: string, e: unknown): void {
    const message = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    this.services.log.error(vscode.l10n.t('Create DNS records: {0}', message));
    this.post({ type: 'error', message });
  }

  /** Every message from the page goes through here; unknown or malformed ones are dropped and logged. */
  override async receive(data: unknown): Promise<void> {
    const message = parseDnsRecordsMessage(data);
    if (!message) {
      this.services.log.warn(vscode.l10n.t('Create DNS records: ignored a message it does not know: {0}', JSON.stringify(data)?.slice(0, 200)));
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.fail(message.type, e);
    }
  }

  private async handle(message: DnsRecordsWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // What was posted before the page listened is lost: say again that it is loading, or load.
        if (this.rowsLoading) this.post({ type: 'loading' });
        this.loadMissingRows();
        await this.loading;
        if (this.view) this.post({ type: 'rows', view: this.view });
        if (this.outcomes) this.post({ type: 'applied', outcomes: this.outcomes });
        return;
      case 'refresh':
        this.loading = this.load(true);
        return this.loading;
      case 'copy': {
        await this.loading;
        if (!this.view) return;
        await vscode.env.clipboard.writeText(message.format === 'zoneFile' ? this.view.zoneFile : this.view.hosts);
        this.post({ type: 'copied', format: message.format });
        return;
      }
      case 'create':
        return this.create(message.ttl);
    }
  }

  private async create(ttl: number): Promise<void> {
    const problem = recordTtlProblem(ttl);
    if (problem) throw new Error(problem);
    if (this.applying) throw new Error(vscode.l10n.t('The records are being written already.'));
    this.applying = true;
    this.post({ type: 'applying' });
    try {
      // Read again: what the page showed may be stale, and the etags must be the ones just read.
      const target = await this.rows(true);
      const rows = withTtlForNewRecords(target.rows, ttl);
      const outcomes = await applyRows(this.services, { ...target, rows }, vscode.l10n.t('Creating DNS records for {0}…', target.registryName));
      this.outcomes = outcomes.map(outcomeView);
      for (const o of outcomes) if (o.status !== 'applied') this.services.log.warn(vscode.l10n.t('Create DNS records: {0}: {1}', describeWrite(o.write), o.message));
      this.post({ type: 'applied', outcomes: this.outcomes });
    } finally {
      this.applying = false;
    }
    // applyRows read the registry again through the store: show what it holds now.
    await this.load(false);
  }

  /** What the page shows now (tests read it instead of the DOM). */
  currentView(): DnsRecordsView | undefined {
    return this.view;
  }

  lastOutcomes(): WriteOutcomeView[] | undefined {
    return this.outcomes;
  }

  /** Resolves once the rows have been read (tests wait on it instead of sleeping). */
  whenLoaded(): Promise<void> {
    return this.loading;
  }
}

function sameTarget(a: DnsRecordsPersisted, b: DnsRecordsPersisted): boolean {
  const eq = (x?: string, y?: string): boolean => (x ?? '').toLowerCase() === (y ?? '').toLowerCase();
  return eq(a.registryId, b.registryId) && eq(a.privateEndpointId, b.privateEndpointId) && eq(a.privateDnsZoneId, b.privateDnsZoneId);
}


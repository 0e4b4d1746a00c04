import * as vscode from 'vscode';
import * as fs from 'fs';
import type { TokenCredential } from '@azure/core-auth';
import { cloudEnvironments, type CloudEnvironment, type EnvironmentName, portalLink } from './environments';
import { VsCodeCredential } from './vscodeCredential';
import { loadAzureModule, type AzureServicesApi } from './azureModule';
import { integerSetting, section, settingsPlaceName, updateWhereEffective } from './settings';
import type { IntegerSettingName } from './settingBounds';
import { CA_FILE_MAX_BYTES, readLimitedTextFile } from '../common/limitedFile';
import { sandboxProblem, SandboxUnavailableError, type SandboxLauncher } from './sandboxLauncher';

export interface SandboxSettings {
  armEndpoint: string;
  caCertFile: string;
  dnsServer: string;
  tenantId: string;
}

/**
 * Who we are signed in as and where: the environment from the settings, the credential, and the
 * Azure services built from them (created on first use and rebuilt when the settings change).
 */
export class AzureSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private services: AzureServicesApi | undefined;
  private signedInState = false;
  /** The sign-in check running or last finished; `ready()` waits for it. */
  private signInCheck: Promise<boolean> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly sandbox: Pick<SandboxLauncher, 'ensureRunning'>,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${section}.environment`) || e.affectsConfiguration(`${section}.sandbox`) ||
            e.affectsConfiguration(`${section}.authentication`) || e.affectsConfiguration(`${section}.tenantId`) ||
            e.affectsConfiguration(`${section}.concurrency`) || e.affectsConfiguration(`${section}.inventorySource`) ||
            e.affectsConfiguration(`${section}.requestTimeoutSeconds`) || e.affectsConfiguration(`${section}.operationTimeoutSeconds`)) {
          void this.reset();
        }
      }),
      vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === this.cloud()?.authProviderId) void this.reset();
      }),
    );
  }

  get environment(): EnvironmentName {
    return vscode.workspace.getConfiguration(section).get<EnvironmentName>('environment', 'AzureCloud');
  }

  get signedIn(): boolean {
    return this.signedInState;
  }

  sandboxSettings(): SandboxSettings {
    const c = vscode.workspace.getConfiguration(`${section}.sandbox`);
    return {
      armEndpoint: c.get<string>('armEndpoint', ''),
      caCertFile: c.get<string>('caCertFile', ''),
      dnsServer: c.get<string>('dnsServer', ''),
      tenantId: c.get<string>('tenantId', ''),
    };
  }

  private cloud(): CloudEnvironment | undefined {
    const env = this.environment;
    return env === 'Sandbox' ? undefined : cloudEnvironments[env];
  }

  private tenantId(): string | undefined {
    if (this.environment === 'Sandbox') return this.sandboxSettings().tenantId || undefined;
    return vscode.workspace.getConfiguration(section).get<string>('tenantId', '') || undefined;
  }

  private armEndpoint(): string {
    return this.environment === 'Sandbox' ? this.sandboxSettings().armEndpoint : this.cloud()!.armEndpoint;
  }

  /** Checks, without prompting, whether we can get a token; sets the `acrPrivateLink.signedIn` context key. */
  refreshSignInState(): Promise<boolean> {
    const check = this.checkSignIn();
    this.signInCheck = check;
    return check;
  }

  /**
   * Whether Azure can be asked, once that is known: waits for the sign-in check, and in the Sandbox
   * environment for the sandbox this extension started (started again from its saved state if a
   * reload stopped it). Throws a SandboxUnavailableError saying what to do when it cannot be.
   */
  async ready(): Promise<boolean> {
    if (!(await (this.signInCheck ?? this.refreshSignInState()))) return false;
    if (this.environment === 'Sandbox') {
      const s = this.sandboxSettings();
      if (!(await this.sandbox.ensureRunning(s.armEndpoint)) && s.caCertFile && !fs.existsSync(s.caCertFile)) {
        throw new SandboxUnavailableError(
          vscode.l10n.t('The sandbox at {0} is not running (its CA file {1} is gone). Start it again, or run "ACR Private Link: Use the Local Sandbox".', s.armEndpoint, s.caCertFile),
          'useSandbox',
        );
      }
    }
    return this.signedIn;
  }

  /** Like ready(), for a page that needs Azure: not signed in is an error that says what to do. */
  async requireReady(): Promise<void> {
    if (!(await this.ready())) throw new Error(vscode.l10n.t('Not signed in: sign in to Azure, or use the local sandbox. This page fills in once you have.'));
  }

  /** An error reaching Azure, said plainly when it means the sandbox is not there. */
  explain(e: unknown): unknown {
    return this.environment === 'Sandbox' ? (sandboxProblem(this.sandboxSettings().armEndpoint, e) ?? e) : e;
  }

  private async checkSignIn(): Promise<boolean> {
    let signedIn: boolean;
    if (this.environment === 'Sandbox') {
      signedIn = this.sandboxSettings().armEndpoint !== '';
    } else if (this.authentication() === 'azureCli') {
      signedIn = true; // the CLI credential reports its own errors on first use
    } else {
      const cloud = this.cloud()!;
      const session = await vscode.authentication
        .getSession(cloud.authProviderId!, VsCodeCredential.scopesFor([`${cloud.armEndpoint}/.default`], this.tenantId()), { silent: true })
        .then((s) => s, () => undefined);
      signedIn = session !== undefined;
    }
    this.signedInState = signedIn;
    await vscode.commands.executeCommand('setContext', 'acrPrivateLink.signedIn', signedIn);
    return signedIn;
  }

  private authentication(): 'vscode' | 'azureCli' {
    return vscode.workspace.getConfiguration(section).get<'vscode' | 'azureCli'>('authentication', 'vscode');
  }

  async signIn(): Promise<boolean> {
    if (this.environment === 'Sandbox' || this.authentication() === 'azureCli') return this.refreshSignInState();
    const cloud = this.cloud()!;
    if (cloud.sovereignCloudName) {
      await updateWhereEffective('environment', cloud.sovereignCloudName, 'microsoft-sovereign-cloud');
    }
    await vscode.authentication.getSession(
      cloud.authProviderId!,
      VsCodeCredential.scopesFor([`${cloud.armEndpoint}/.default`], this.tenantId()),
      { createIfNone: true },
    );
    await this.reset();
    return this.signedIn;
  }

  async signOut(): Promise<void> {
    if (this.environment === 'Sandbox') {
      const where = await updateWhereEffective('environment', 'AzureCloud');
      this.log.info(vscode.l10n.t('Signed out of the sandbox: {0} is AzureCloud in {1}.', `${section}.environment`, settingsPlaceName[where]));
    }
    this.signedInState = false;
    this.services = undefined;
    await vscode.commands.executeCommand('setContext', 'acrPrivateLink.signedIn', false);
    this.changed.fire();
  }

  /** The Azure services for the current environment; loads the SDK bundle on first call. */
  getServices(): AzureServicesApi {
    if (!this.services) {
      const azure = loadAzureModule();
      const endpoint = this.armEndpoint().replace(/\/+$/, '');
      let credential: TokenCredential;
      let caCertPem: string | undefined;
      if (this.environment === 'Sandbox') {
        const s = this.sandboxSettings();
        if (!s.armEndpoint) throw new Error(vscode.l10n.t('The sandbox is not configured. Run "ACR Private Link: Use the Local Sandbox".'));
        credential = azure.createSandboxCredential();
        caCertPem = s.caCertFile ? readLimitedTextFile(s.caCertFile, { what: vscode.l10n.t('the sandbox CA file ({0}.sandbox.caCertFile)', section), maxBytes: CA_FILE_MAX_BYTES }) : undefined;
      } else if (this.authentication() === 'azureCli') {
        credential = azure.createAzureCliCredential(this.tenantId());
      } else {
        credential = new VsCodeCredential(this.cloud()!.authProviderId!, this.tenantId());
      }
      const concurrency = this.integerSetting('concurrency');
      const inventorySource = vscode.workspace.getConfiguration(section).get<'resourceGraph' | 'arm'>('inventorySource', 'resourceGraph');
      this.services = azure.createAzureServices({
        target: { endpoint, credentialScopes: [`${endpoint}/.default`], caCertPem },
        credential,
        concurrency,
        inventorySource,
        onResourceGraphError: (e) =>
          this.log.warn(vscode.l10n.t('Azure Resource Graph could not be used ({0} {1}: {2}); reading the inventory with ARM requests for the next few minutes.', e.status ?? '', e.code ?? '', e.message)),
        pollIntervalMs: this.environment === 'Sandbox' ? 50 : undefined,
        requestTimeoutMs: this.integerSetting('requestTimeoutSeconds') * 1000,
        operationTimeoutMs: this.integerSetting('operationTimeoutSeconds') * 1000,
        retry: { onRetry: (info) => this.showWait(azure.describeRetry(info), info.delayMs) },
        // What was written, where, Azure's answer and its request id; never a header or a body.
        onWrite: (record) => (record.error === undefined ? this.log.info(azure.describeWriteRecord(record)) : this.log.warn(azure.describeWriteRecord(record))),
      });
      this.log.info(vscode.l10n.t('Azure services created for {0} ({1})', this.environment, endpoint));
    }
    return this.services;
  }

  /** A numeric setting held to its bounds (an out-of-range value is logged once). */
  integerSetting(name: IntegerSettingName): number {
    return integerSetting(name, this.log);
  }

  /** A wait before a retry, shown in the status bar's progress while it lasts, and logged. */
  private showWait(message: string, ms: number): void {
    this.log.info(message);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: message }, () => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /** The services if they were already created; never loads the SDK bundle. */
  existingServices(): AzureServicesApi | undefined {
    return this.services;
  }

  portalUrl(resourceId: string): string {
    const cloud = this.cloud() ?? cloudEnvironments.AzureCloud;
    return portalLink(cloud.portalUrl, this.tenantId(), resourceId);
  }

  /**
   * Where the connectivity check dials: the addresses themselves in Azure; in the Sandbox environment
   * only the loopback listeners the sandbox publishes (read from its ARM endpoint), trusting its CA.
   */
  connectivityTarget(): { mode: 'direct' } | { mode: 'sandbox'; armEndpoint: string; caCertPem?: string } {
    if (this.environment !== 'Sandbox') return { mode: 'direct' };
    const s = this.sandboxSettings();
    if (!s.armEndpoint) throw new Error('The sandbox is not configured. Run "ACR Private Link: Use the Local Sandbox".');
    const caCertPem = s.caCertFile ? readLimitedTextFile(s.caCertFile, { what: `the sandbox CA file (${section}.sandbox.caCertFile)`, maxBytes: CA_FILE_MAX_BYTES }) : undefined;
    return { mode: 'sandbox', armEndpoint: s.armEndpoint.replace(/\/+$/, ''), ...(caCertPem !== undefined ? { caCertPem } : {}) };
  }

  dnsServers(): string[] {
    if (this.environment === 'Sandbox' && this.sandboxSettings().dnsServer) return [this.sandboxSettings().dnsServer];
    return vscode.workspace.getConfiguration(section).get<string[]>('dnsServers', []);
  }

  private async reset(): Promise<void> {
    this.services = undefined;
    await this.refreshSignInState();
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

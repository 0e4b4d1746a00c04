// The diagnosis engine: pure functions from a snapshot (and optional live DNS answers) to findings,
// fix plans, the per-FQDN table and reports. Nothing here talks to Azure or to VS Code.
export { allowList, allowListOf, storageHostPattern, type AllowList } from './allowList';
export { configuredDns, linkedZones, linkedZoneNamed, type ConfiguredDns, type ConfiguredZone } from './configured';
export { diagnose, fixPlansForRegistry } from './diagnose';
export { carriesTraffic, registryEndpoints, type RegistryEndpoint } from './endpoints';
export { cleanUpAfterDeletion, describeEndpointDeletion, endpointDeletion, type DeletedRecordSet, type EndpointDeletion } from './endpointDeletion';
export { expectedRecords, registryRegions, type ExpectedRecord } from './expected';
export { countBySeverity, findingIds, sortFindings, type Finding, type FindingId, type Severity } from './finding';
export { recordTtl } from './fixPlans';
export { fqdnTable, type FqdnRow, type Verdict } from './fqdnTable';
export { classifyAddress, classifyAddresses, type AddressClass } from './ipClass';
export {
  createLiveResolver,
  defaultLiveDeadlineMs,
  parseDnsServer,
  resolveAllLive,
  resolveLive,
  type DnsQuerier,
  type LiveAnswer,
  type LiveCheckOptions,
  type LiveResolver,
  type LiveResolverOptions,
  type LiveStatus,
} from './liveResolution';
export * from './connectivity';
export { isNetworkSettingFinding, networkSettingFindingIds } from './networkSettingsFindings';
export { registryHostNames, type RegistryHostNames } from './names';
export { buildCheckReport, checkSummary, connectivityOutcomeText, connectivityStepText, liveAnswerText, reportJson, reportMarkdown, verdictText, verdictWord, virtualAnswerText, type CheckReport, type CheckResult, type CheckSummary } from './report';
export { virtualResolution, type VirtualAnswer, type VirtualStatus } from './virtualResolution';
export { onPremisesForwarder } from './vnetDnsFindings';
export { askVnetDnsServers, vnetDnsServersToAsk, type ServersToAsk, type VnetServerAnswer } from './vnetDnsLive';

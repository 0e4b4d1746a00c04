// Can a client actually connect? The check (resolve, TCP 443, TLS for the public name, GET /v2/), the
// dialers that decide where a connection goes, and the findings.
export { connectivityBasis } from './basis';
export { checkConnectivity, connectivityHosts, type ConnectivityHost, type ConnectivityOptions } from './check';
export { directDialer, openTcp, sandboxDialer, type Dialer, type OpenTcp, type SandboxListener, type TcpTarget } from './dialer';
export { connectivityFindings, connectivityNotChecked } from './findings';
export { classifyAnswer, defaultStepTimeouts, parseBearerChallenge, probeHost, readAnswer, type ProbeOptions, type StepTimeouts } from './probe';
export { fetchSandboxListeners } from './sandboxListeners';
export type { ConnectivityOutcome, ConnectivityReport, HostConnectivity, HostRole, HttpAnswer, StepName, StepResult } from './types';

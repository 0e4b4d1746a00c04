// What one connectivity check of a registry host found: the steps a client takes (resolve, TCP 443
// to the address, TLS for the public name, `GET /v2/`), each with its outcome and time, and what
// that means.
import type { AddressClass } from '../ipClass';

/** The login server (`myregistry.azurecr.io`) or a data endpoint (`myregistry.westeurope.data.azurecr.io`). */
export type HostRole = 'loginServer' | 'dataEndpoint';

export type StepName = 'resolve' | 'connect' | 'tls' | 'http';

export interface StepResult {
  step: StepName;
  outcome: 'ok' | 'failed' | 'timeout';
  elapsedMs: number;
  /** What the step found (the address, the certificate, the status) or why it failed. */
  detail: string;
  /** The error code when it failed (ECONNRESET, ERR_TLS_CERT_ALTNAME_INVALID, ETIMEOUT, …). */
  errorCode?: string;
}

/**
 * - `reachable`: the login server answered the registry's Bearer challenge (401), or a data endpoint
 *   answered HTTP, over TLS verified for its public name.
 * - `publicEndpoint`: 403 DENIED "client with IP '…' is not allowed access": the request reached
 *   the registry's public endpoint.
 * - `unexpectedAnswer`: the login server answered something else than the challenge.
 * - `timeout`, `reset`, `refused`, `unreachable`: the connection did not get through.
 * - `tlsNameMismatch`, `tlsUntrusted`, `tlsFailed`: the TLS handshake failed.
 * - `notChecked`: nothing was dialed (the name did not resolve, or the sandbox has no listener for
 *   the address); not a verdict.
 */
export type ConnectivityOutcome =
  | 'reachable'
  | 'publicEndpoint'
  | 'unexpectedAnswer'
  | 'timeout'
  | 'reset'
  | 'refused'
  | 'unreachable'
  | 'tlsNameMismatch'
  | 'tlsUntrusted'
  | 'tlsFailed'
  | 'notChecked';

export interface HttpAnswer {
  status: number;
  /** The `WWW-Authenticate` header, when there is one. */
  wwwAuthenticate?: string;
  /** `realm` and `service` of a Bearer challenge. */
  realm?: string;
  service?: string;
  /** The first error code of an ACR error body (`UNAUTHORIZED`, `DENIED`, …). */
  errorCode?: string;
  errorMessage?: string;
  /** The client IP a DENIED answer names. */
  clientIp?: string;
}

export interface HostConnectivity {
  host: string;
  role: HostRole;
  /** The address dialed: the first one the resolver gave. */
  address?: string;
  addressClass?: AddressClass;
  /** Where the connection really went: `10.0.0.7:443`, or in sandbox mode the loopback listener standing for it. */
  dialed?: string;
  outcome: ConnectivityOutcome;
  /** The step that failed (or the last one done). */
  step: StepName;
  steps: StepResult[];
  http?: HttpAnswer;
  /** The certificate's subject alternative names, when the handshake got that far. */
  certificateNames?: string[];
  checkedAt: string;
  elapsedMs: number;
}

export interface ConnectivityReport {
  checkedAt: string;
  /** `direct`: this machine dials the addresses; `sandbox`: it dials the sandbox's loopback listeners. */
  mode: 'direct' | 'sandbox';
  /** The DNS server the names were resolved with (`system` or `host:port`), as the live DNS check names it. */
  dnsServer: string;
  results: HostConnectivity[];
  /**
   * Not a verdict on the registry as it is (shown again from the session's store): it changed after
   * this check (its hosts, endpoint addresses, DNS records, connections, public access, endpoint
   * subnets, or the rules or routes that apply to the endpoints), or whether it did cannot be told
   * (`undetermined`). Its results describe the registry as it was, and raise no finding.
   */
  outdated?: boolean;
  /** Outdated because whether the registry changed cannot be told: what could not be read (empty: the registry is not read now). */
  undetermined?: string[];
}

// Long-running operations. The change itself is applied when the request arrives (so a GET right after
// sees it); what is asynchronous is the operation status the client polls. Azure reports InProgress
// for a while; the sandbox has finished by the first poll (a difference it allows itself: it is
// faster), so a client that polls at once, as the SDKs and the Azure CLI do, never waits.
// `Retry-After` is what each resource provider sends: Microsoft.Network 10 seconds on the first
// response and on every InProgress poll (recorded exchanges of the Azure SDK; the Azure CLI's own
// recordings strip the header), Private DNS 60 (the examples of its published API), Container
// Registry none. Never `Retry-After: 0`: azure-core (Python) reads 0 as "no header" and then waits
// its 30-second default between polls.

import { newGuid } from '../ids';
import type { ArmResponse } from './response';

export interface Operation {
  id: string;
  /** Polls left that still answer InProgress. */
  pollsLeft: number;
  startTime: string;
  endTime?: string;
  /** What the Location (operation result) URL answers once done: 204 for deletes, 200 + body otherwise. */
  resultStatus: number;
  resultBody?: unknown;
  /** What a status poll says while it runs, where the provider has its own word (a registry: Creating). */
  runningStatus?: string;
}

export class OperationStore {
  private readonly operations = new Map<string, Operation>();

  constructor(private readonly pollsInProgress = 0) {}

  /** `options.pollsInProgress`: polls this operation answers as running, whatever the store's default. */
  start(resultStatus: number, resultBody?: unknown, options: { pollsInProgress?: number; runningStatus?: string } = {}): Operation {
    const op: Operation = {
      id: newGuid(),
      pollsLeft: Math.max(this.pollsInProgress, options.pollsInProgress ?? 0),
      startTime: new Date().toISOString(),
      resultStatus,
      resultBody,
      ...(options.runningStatus ? { runningStatus: options.runningStatus } : {}),
    };
    this.operations.set(op.id, op);
    return op;
  }

  /** One poll: counts down and reports whether the operation is still running. */
  poll(id: string): { op: Operation; inProgress: boolean } | undefined {
    const op = this.operations.get(id.toLowerCase()) ?? this.operations.get(id);
    if (!op) return undefined;
    if (op.pollsLeft > 0) {
      op.pollsLeft--;
      return { op, inProgress: true };
    }
    op.endTime ??= new Date().toISOString();
    return { op, inProgress: false };
  }

  clear(): void {
    this.operations.clear();
  }
}

export interface LroUrls {
  /** Azure-AsyncOperation: an operation status resource ({status}). */
  status: string;
  /** Location: the operation result (202 while running, then the final response). */
  result: string;
}

/** Operation URLs in the form each resource provider uses. */
export function lroUrls(baseUrl: string, family: LroFamily, scope: { subscriptionId: string; resourceGroupName: string; location: string }, opId: string, apiVersion: string): LroUrls {
  const q = `?api-version=${encodeURIComponent(apiVersion)}`;
  if (family === 'privateDns') {
    const base = `${baseUrl}/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroupName}/providers/Microsoft.Network`;
    return { status: `${base}/privateDnsOperationStatuses/${opId}${q}`, result: `${base}/privateDnsOperationResults/${opId}${q}` };
  }
  const namespace = family === 'network' ? 'Microsoft.Network' : 'Microsoft.ContainerRegistry';
  const base = `${baseUrl}/subscriptions/${scope.subscriptionId}/providers/${namespace}/locations/${scope.location}`;
  return { status: `${base}/operations/${opId}${q}`, result: `${base}/operationResults/${opId}${q}` };
}

export type LroFamily = 'network' | 'privateDns' | 'containerRegistry';

const RETRY_AFTER_SECONDS: Record<LroFamily, number | undefined> = { network: 10, privateDns: 60, containerRegistry: undefined };

/** The `Retry-After` header a resource provider sends with a running operation (none for some). */
export function retryAfter(family: LroFamily): Record<string, string> {
  const seconds = RETRY_AFTER_SECONDS[family];
  return seconds === undefined ? {} : { 'Retry-After': String(seconds) };
}

/** The first response of an asynchronous PUT: 201/200 with the resource and Azure-AsyncOperation. */
export function acceptedPut(family: LroFamily, status: number, body: unknown, urls: LroUrls, withLocation = false): ArmResponse {
  const headers: Record<string, string> = { 'Azure-AsyncOperation': urls.status, ...retryAfter(family) };
  if (withLocation) headers['Location'] = urls.result;
  return { status, body, headers };
}

/** The first response of an asynchronous DELETE: 202 with Location, and Azure-AsyncOperation except from Container Registry (Location alone). */
export function acceptedDelete(family: LroFamily, urls: LroUrls): ArmResponse {
  const asyncOperation: Record<string, string> = family === 'containerRegistry' ? {} : { 'Azure-AsyncOperation': urls.status };
  return { status: 202, headers: { Location: urls.result, ...asyncOperation, ...retryAfter(family) } };
}

/** An operation's status: Network and Private DNS answer `{ status }` alone; Container Registry adds the id, name and times. */
export function operationStatusResponse(family: LroFamily, op: Operation, inProgress: boolean): ArmResponse {
  const status = inProgress ? 'InProgress' : 'Succeeded';
  if (family !== 'containerRegistry') return { status: 200, body: { status }, headers: inProgress ? retryAfter(family) : {} };
  const body: Record<string, unknown> = { id: op.id, name: op.id, status, startTime: op.startTime };
  if (!inProgress) body['endTime'] = op.endTime;
  return { status: 200, body, headers: inProgress ? retryAfter(family) : {} };
}

export function operationResultResponse(family: LroFamily, op: Operation, inProgress: boolean, selfUrl: string): ArmResponse {
  if (inProgress) return { status: 202, headers: { Location: selfUrl, ...retryAfter(family) } };
  return op.resultBody === undefined ? { status: op.resultStatus } : { status: op.resultStatus, body: op.resultBody };
}

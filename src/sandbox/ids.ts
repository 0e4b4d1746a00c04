// Building ARM ids and the opaque values Azure hands out (GUIDs, etags).

import { randomUUID } from 'node:crypto';

export const newGuid = (): string => randomUUID();

export const groupId = (subscriptionId: string, resourceGroupName: string): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`;

export const providerId = (subscriptionId: string, resourceGroupName: string, namespace: string, ...typeNamePairs: string[]): string =>
  `${groupId(subscriptionId, resourceGroupName)}/providers/${namespace}/${typeNamePairs.join('/')}`;

export interface IdParts {
  subscriptionId: string;
  resourceGroupName?: string;
  namespace?: string;
  /** type/name pairs after the provider namespace. */
  segments: [string, string][];
}

export function parseId(id: string): IdParts | undefined {
  const parts = id.split('/').filter((p) => p !== '');
  if (parts[0]?.toLowerCase() !== 'subscriptions' || parts[1] === undefined) return undefined;
  const out: IdParts = { subscriptionId: parts[1], segments: [] };
  let i = 2;
  if (parts[i]?.toLowerCase() === 'resourcegroups') {
    if (parts[i + 1] === undefined) return undefined;
    out.resourceGroupName = parts[i + 1];
    i += 2;
  }
  if (parts[i]?.toLowerCase() === 'providers') {
    if (parts[i + 1] === undefined) return undefined;
    out.namespace = parts[i + 1];
    i += 2;
  }
  if ((parts.length - i) % 2 !== 0) return undefined;
  for (; i < parts.length; i += 2) out.segments.push([parts[i] ?? '', parts[i + 1] ?? '']);
  return out;
}

/** The resource group part of an id, e.g. for "under resource group" error messages. */
export function groupOf(id: string): string {
  return parseId(id)?.resourceGroupName ?? '';
}

export const nameOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

export const parentOf = (id: string): string => id.slice(0, id.lastIndexOf('/', id.lastIndexOf('/') - 1));

export const sameId = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

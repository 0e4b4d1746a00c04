// Checks every provider repeats: the subscription and resource group exist, the body is an object,
// names follow Azure's rules, and ETag preconditions hold.

import { ArmError, badRequest, invalidResourceName, missingProperty, preconditionFailed, resourceGroupNotFound, subscriptionNotFound } from '../arm/errors';
import type { ArmContext, ArmRequest } from '../arm/router';
import { groupId } from '../ids';
import { key, type ResourceGroupRecord, type SubscriptionRecord } from '../state';

export function requireSubscription(ctx: ArmContext, subscriptionId: string): SubscriptionRecord {
  const sub = ctx.state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
  if (!sub) throw subscriptionNotFound(subscriptionId);
  return sub;
}

export function requireGroup(ctx: ArmContext, subscriptionId: string, resourceGroupName: string): ResourceGroupRecord {
  requireSubscription(ctx, subscriptionId);
  const rg = ctx.state.resourceGroups[key(groupId(subscriptionId, resourceGroupName))];
  if (!rg) throw resourceGroupNotFound(resourceGroupName);
  return rg;
}

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The request body as an object; a missing body or a non-object is a malformed request. */
export function bodyObject(req: ArmRequest): JsonObject {
  if (req.body === undefined) throw badRequest('InvalidRequestContent', 'The request content was invalid and could not be deserialized: the request body is empty.');
  if (!isObject(req.body)) throw badRequest('InvalidRequestContent', 'The request content was invalid and could not be deserialized: the request body must be a JSON object.');
  return req.body;
}

export function objectProp(obj: JsonObject, name: string, path: string): JsonObject | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property '${path}' must be an object.`);
  return v;
}

export function requireObjectProp(obj: JsonObject, name: string, path: string): JsonObject {
  const v = objectProp(obj, name, path);
  if (!v) throw missingProperty(path);
  return v;
}

export function stringProp(obj: JsonObject, name: string, path: string): string | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property '${path}' must be a string.`);
  return v;
}

export function requireStringProp(obj: JsonObject, name: string, path: string): string {
  const v = stringProp(obj, name, path);
  if (v === undefined || v === '') throw missingProperty(path);
  return v;
}

export function enumProp<T extends string>(obj: JsonObject, name: string, path: string, allowed: readonly T[]): T | undefined {
  const v = stringProp(obj, name, path);
  if (v === undefined) return undefined;
  const found = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!found) throw badRequest('InvalidRequestFormat', `The value '${v}' of property '${path}' is not valid. Allowed values: ${allowed.join(', ')}.`);
  return found;
}

export function arrayProp(obj: JsonObject, name: string, path: string): unknown[] | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badRequest('InvalidRequestFormat', `Cannot parse the request. The property '${path}' must be an array.`);
  return v;
}

export function tagsProp(obj: JsonObject): Record<string, string> | undefined {
  const t = objectProp(obj, 'tags', 'tags');
  if (!t) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) {
    if (typeof v !== 'string') throw badRequest('InvalidRequestFormat', `Cannot parse the request. The tag '${k}' must have a string value.`);
    out[k] = v;
  }
  return out;
}

/** Network resource names: 1–80 word characters, '.', '-', '_'; start with a word character, end with one or '_'. */
export function checkNetworkName(name: string): void {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(name)) {
    throw new ArmError(
      400,
      'InvalidResourceName',
      `Resource name ${name} is invalid. The name can be up to 80 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'.`,
    );
  }
}

/** Resource group names: 1–90 letters, digits, '-', '.', '(', ')' or '_', not ending in '.'. */
export function checkResourceGroupName(name: string): void {
  const bad = [...new Set(name.replace(/[\p{L}\p{N}_().-]/gu, ''))].join('');
  if (bad !== '' || name.length > 90 || name.endsWith('.')) {
    throw new ArmError(
      400,
      'InvalidResourceGroup',
      `The provided resource group name '${name}' has these invalid characters: '${bad}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.`,
    );
  }
}

/** A DNS name made of 1–63 character labels, at most 253 characters (zone names need two labels). */
export function checkDnsName(name: string, what: 'zone' | 'recordSet'): void {
  const labels = name.split('.');
  const labelOk = (l: string): boolean => /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?|\*)$/.test(l);
  const ok = name === '@' ? what === 'recordSet' : name.length <= 253 && labels.every(labelOk) && (what === 'recordSet' || labels.length >= 2);
  if (!ok) {
    throw invalidResourceName(
      name,
      what === 'zone' ? 'Microsoft.Network/privateDnsZones' : 'Microsoft.Network/privateDnsZones/A',
      what === 'zone'
        ? 'The zone name must be a fully qualified domain name of at least two labels, each 1-63 letters, digits, hyphens or underscores.'
        : "The record set name must be '@' or labels of 1-63 letters, digits, hyphens or underscores separated by '.'.",
    );
  }
}

const ifMatchHeader = (req: ArmRequest): string | undefined => {
  const v = req.headers['if-match'];
  return Array.isArray(v) ? v[0] : v;
};
const ifNoneMatchHeader = (req: ArmRequest): string | undefined => {
  const v = req.headers['if-none-match'];
  return Array.isArray(v) ? v[0] : v;
};

const unquote = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

/**
 * Private DNS etag semantics: If-None-Match "*" refuses to overwrite an existing resource; If-Match
 * must equal the current etag ("*" only requires that it exists). `describe` is the resource as Azure
 * names it in its 412s ("Record set myregistry", "Zone privatelink.azurecr.io"): the recorded answers
 * read "The Record set … exists already and hence cannot be created again." and "The Record set … has
 * been modified (etag mismatch)."
 */
export function checkPreconditions(req: ArmRequest, existing: { etag: string } | undefined, describe: string): void {
  const ifNoneMatch = ifNoneMatchHeader(req);
  if (ifNoneMatch !== undefined && unquote(ifNoneMatch) === '*' && existing) {
    throw preconditionFailed(`The ${describe} exists already and hence cannot be created again.`);
  }
  const ifMatch = ifMatchHeader(req);
  if (ifMatch === undefined || ifMatch === '') return;
  if (!existing) {
    throw preconditionFailed(`The ${describe} was not found, so the condition in the If-Match header ('${ifMatch}') could not be met.`);
  }
  if (unquote(ifMatch) !== '*' && unquote(ifMatch) !== existing.etag) {
    throw preconditionFailed(`The ${describe} has been modified (etag mismatch).`);
  }
}

// Polling URLs of long-running operations (what Azure-AsyncOperation and Location point at).

import { childNotFound } from '../arm/errors';
import { operationResultResponse, operationStatusResponse, type LroFamily } from '../arm/lro';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { requireSubscription } from './common';

const status = (family: LroFamily) => (req: ArmRequest, ctx: ArmContext): ArmResponse => {
  requireSubscription(ctx, param(req, 'subscriptionId'));
  const polled = ctx.operations.poll(param(req, 'operationId'));
  if (!polled) throw childNotFound(req.path);
  return operationStatusResponse(family, polled.op, polled.inProgress);
};

const result = (family: LroFamily) => (req: ArmRequest, ctx: ArmContext): ArmResponse => {
  requireSubscription(ctx, param(req, 'subscriptionId'));
  const polled = ctx.operations.poll(param(req, 'operationId'));
  if (!polled) throw childNotFound(req.path);
  return operationResultResponse(family, polled.op, polled.inProgress, `${ctx.baseUrl}${req.path}?${req.query.toString()}`);
};

export function operationRoutes(): Route[] {
  const loc = '/subscriptions/{subscriptionId}/providers';
  const dns = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network';
  return [
    route('GET', `${loc}/Microsoft.Network/locations/{location}/operations/{operationId}`, 'network', status('network')),
    route('GET', `${loc}/Microsoft.Network/locations/{location}/operationResults/{operationId}`, 'network', result('network')),
    route('GET', `${loc}/Microsoft.ContainerRegistry/locations/{location}/operations/{operationId}`, 'containerRegistry', status('containerRegistry')),
    route('GET', `${loc}/Microsoft.ContainerRegistry/locations/{location}/operationResults/{operationId}`, 'containerRegistry', result('containerRegistry')),
    route('GET', `${dns}/privateDnsOperationStatuses/{operationId}`, 'privateDns', status('privateDns')),
    route('GET', `${dns}/privateDnsOperationResults/{operationId}`, 'privateDns', result('privateDns')),
  ];
}

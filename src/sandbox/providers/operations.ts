// Polling URLs of long-running operations (what Azure-AsyncOperation and Location point at).

import { childNotFound } from '../arm/errors';
import { operationResultResponse, operationStatusResponse } from '../arm/lro';
import { param, route, type ArmContext, type ArmRequest, type ArmResponse, type Route } from '../arm/router';
import { requireSubscription } from './common';

function status(req: ArmRequest, ctx: ArmContext): ArmResponse {
  requireSubscription(ctx, param(req, 'subscriptionId'));
  const polled = ctx.operations.poll(param(req, 'operationId'));
  if (!polled) throw childNotFound(req.path);
  return operationStatusResponse(polled.op, polled.inProgress);
}

function result(req: ArmRequest, ctx: ArmContext): ArmResponse {
  requireSubscription(ctx, param(req, 'subscriptionId'));
  const polled = ctx.operations.poll(param(req, 'operationId'));
  if (!polled) throw childNotFound(req.path);
  return operationResultResponse(polled.op, polled.inProgress, `${ctx.baseUrl}${req.path}?${req.query.toString()}`);
}

export function operationRoutes(): Route[] {
  const loc = '/subscriptions/{subscriptionId}/providers';
  const dns = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network';
  return [
    route('GET', `${loc}/Microsoft.Network/locations/{location}/operations/{operationId}`, 'network', status),
    route('GET', `${loc}/Microsoft.Network/locations/{location}/operationResults/{operationId}`, 'network', result),
    route('GET', `${loc}/Microsoft.ContainerRegistry/locations/{location}/operations/{operationId}`, 'containerRegistry', status),
    route('GET', `${loc}/Microsoft.ContainerRegistry/locations/{location}/operationResults/{operationId}`, 'containerRegistry', result),
    route('GET', `${dns}/privateDnsOperationStatuses/{operationId}`, 'privateDns', status),
    route('GET', `${dns}/privateDnsOperationResults/{operationId}`, 'privateDns', result),
  ];
}

// Microsoft.Network network security groups: read, with their rules and Azure's default rules. A
// group applies to a private endpoint only when its subnet's private endpoint network policies are on.

import { resourceNotFound } from '../arm/errors';
import { param, route, type ArmContext, type ArmRequest, type Route } from '../arm/router';
import { newGuid, providerId, sameId } from '../ids';
import { key, type NetworkSecurityGroupRecord, type SecurityRuleRecord } from '../state';
import { requireGroup } from './common';

const NET = 'Microsoft.Network';

/** The rules every group has, below its own (as Azure lists them in `defaultSecurityRules`). */
const defaultRules: SecurityRuleRecord[] = [
  { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'VirtualNetwork', sourcePortRange: '*', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' },
  { name: 'AllowAzureLoadBalancerInBound', priority: 65001, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' },
  { name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' },
  { name: 'AllowVnetOutBound', priority: 65000, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'VirtualNetwork', sourcePortRange: '*', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' },
  { name: 'AllowInternetOutBound', priority: 65001, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '*' },
  { name: 'DenyAllOutBound', priority: 65500, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' },
];

function renderRule(groupId: string, r: SecurityRuleRecord, kind: 'securityRules' | 'defaultSecurityRules'): unknown {
  return {
    name: r.name,
    id: `${groupId}/${kind}/${r.name}`,
    etag: `W/"${newGuid()}"`,
    type: `Microsoft.Network/networkSecurityGroups/${kind}`,
    properties: {
      provisioningState: 'Succeeded',
      ...(kind === 'defaultSecurityRules' ? { description: `Default ${r.direction.toLowerCase()} rule` } : {}),
      protocol: r.protocol,
      sourcePortRange: r.sourcePortRange,
      ...(r.destinationPortRange !== undefined ? { destinationPortRange: r.destinationPortRange } : {}),
      ...(r.sourceAddressPrefix !== undefined ? { sourceAddressPrefix: r.sourceAddressPrefix } : {}),
      ...(r.destinationAddressPrefix !== undefined ? { destinationAddressPrefix: r.destinationAddressPrefix } : {}),
      access: r.access,
      priority: r.priority,
      direction: r.direction,
      sourcePortRanges: [],
      destinationPortRanges: r.destinationPortRanges ?? [],
      sourceAddressPrefixes: r.sourceAddressPrefixes ?? [],
      destinationAddressPrefixes: r.destinationAddressPrefixes ?? [],
    },
  };
}

export function renderNetworkSecurityGroup(ctx: ArmContext, g: NetworkSecurityGroupRecord): unknown {
  const subnets = Object.values(ctx.state.virtualNetworks).flatMap((v) => v.subnets.filter((s) => sameId(s.networkSecurityGroupId, g.id)).map((s) => ({ id: s.id })));
  return {
    name: g.name,
    id: g.id,
    etag: `W/"${newGuid()}"`,
    type: 'Microsoft.Network/networkSecurityGroups',
    location: g.location,
    ...(g.tags ? { tags: g.tags } : {}),
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: newGuid(),
      securityRules: g.securityRules.map((r) => renderRule(g.id, r, 'securityRules')),
      defaultSecurityRules: defaultRules.map((r) => renderRule(g.id, r, 'defaultSecurityRules')),
      ...(subnets.length > 0 ? { subnets } : {}),
    },
  };
}

function requireGroupRecord(req: ArmRequest, ctx: ArmContext): NetworkSecurityGroupRecord {
  const sub = param(req, 'subscriptionId');
  const rg = param(req, 'resourceGroupName');
  requireGroup(ctx, sub, rg);
  const g = ctx.state.networkSecurityGroups[key(providerId(sub, rg, NET, 'networkSecurityGroups', param(req, 'networkSecurityGroupName')))];
  if (!g) throw resourceNotFound(`${NET}/networkSecurityGroups`, param(req, 'networkSecurityGroupName'), rg);
  return g;
}

export function networkSecurityGroupRoutes(): Route[] {
  const base = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}';
  return [route('GET', base, 'network', (req, ctx) => ({ status: 200, body: renderNetworkSecurityGroup(ctx, requireGroupRecord(req, ctx)) }))];
}

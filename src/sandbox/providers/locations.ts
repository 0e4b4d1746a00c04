// Subscriptions_ListLocations: the regions a subscription may deploy to, in ARM's shape (`name` is
// what resources carry as `location`). The sandbox offers the regions its scenarios use and a few
// more, enough for a registry's home region and its geo-replicas.

import { paged } from '../arm/paging';
import { param, route, type Route } from '../arm/router';
import { requireSubscription } from './common';

const REGIONS: [name: string, displayName: string, geography: string][] = [
  ['australiaeast', 'Australia East', 'Asia Pacific'],
  ['brazilsouth', 'Brazil South', 'South America'],
  ['canadacentral', 'Canada Central', 'Canada'],
  ['centralus', 'Central US', 'US'],
  ['eastasia', 'East Asia', 'Asia Pacific'],
  ['eastus', 'East US', 'US'],
  ['eastus2', 'East US 2', 'US'],
  ['francecentral', 'France Central', 'Europe'],
  ['germanywestcentral', 'Germany West Central', 'Europe'],
  ['japaneast', 'Japan East', 'Asia Pacific'],
  ['northeurope', 'North Europe', 'Europe'],
  ['southeastasia', 'Southeast Asia', 'Asia Pacific'],
  ['swedencentral', 'Sweden Central', 'Europe'],
  ['uksouth', 'UK South', 'Europe'],
  ['westeurope', 'West Europe', 'Europe'],
  ['westus2', 'West US 2', 'US'],
  ['westus3', 'West US 3', 'US'],
];

export function locationRoutes(): Route[] {
  return [
    route('GET', '/subscriptions/{subscriptionId}/locations', 'subscriptions', (req, ctx) => {
      const sub = requireSubscription(ctx, param(req, 'subscriptionId'));
      const value = REGIONS.map(([name, displayName, geographyGroup]) => ({
        id: `/subscriptions/${sub.subscriptionId}/locations/${name}`,
        name,
        type: 'Region',
        displayName,
        regionalDisplayName: `(${geographyGroup}) ${displayName}`,
        metadata: { regionType: 'Physical', regionCategory: 'Recommended', geographyGroup },
      }));
      return { status: 200, body: paged(value, req, ctx) };
    }),
  ];
}

// The api-versions Azure publishes for the resource types the sandbox serves. Any of them is accepted;
// anything else gets ARM's InvalidApiVersionParameter, as a made-up version does in Azure. The lists
// cover what the installed SDKs pin (arm-network 36 → 2025-05-01, arm-privatedns 3.2 → 2020-06-01,
// arm-containerregistry 12 → 2025-11-01, arm-resources-subscriptions 2.1 → 2022-12-01), the newest
// published versions (network 2026-01-01, private DNS 2024-06-01) and what the Azure CLI sends. Resource
// Graph's query operation takes its three stable versions.

import { badRequest, ArmError } from './errors';

export type ApiFamily = 'resources' | 'subscriptions' | 'containerRegistry' | 'network' | 'privateDns' | 'dnsResolver' | 'resourceGraph';

const network = [
  '2015-06-15', '2016-03-30', '2016-06-01', '2016-07-01', '2016-08-01', '2016-09-01', '2016-10-01', '2016-11-01',
  '2016-12-01', '2017-03-01', '2017-04-01', '2017-06-01', '2017-08-01', '2017-09-01', '2017-10-01', '2017-11-01',
  '2018-01-01', '2018-02-01', '2018-03-01', '2018-04-01', '2018-06-01', '2018-07-01', '2018-08-01', '2018-10-01',
  '2018-11-01', '2018-12-01', '2019-02-01', '2019-04-01', '2019-06-01', '2019-07-01', '2019-08-01', '2019-09-01',
  '2019-11-01', '2019-12-01', '2020-01-01', '2020-03-01', '2020-04-01', '2020-05-01', '2020-06-01', '2020-07-01',
  '2020-08-01', '2020-11-01', '2021-02-01', '2021-03-01', '2021-05-01', '2021-08-01', '2022-01-01', '2022-05-01',
  '2022-07-01', '2022-09-01', '2022-11-01', '2023-02-01', '2023-04-01', '2023-05-01', '2023-06-01', '2023-09-01',
  '2023-11-01', '2024-01-01', '2024-03-01', '2024-05-01', '2024-07-01', '2024-10-01', '2025-01-01', '2025-03-01',
  '2025-05-01', '2025-07-01', '2025-09-01', '2026-01-01',
];

const privateDns = ['2018-09-01', '2020-01-01', '2020-06-01', '2024-06-01'];

/** DNS Private Resolver: resolvers, inbound endpoints, forwarding rulesets, rules and links. */
const dnsResolver = ['2020-04-01-preview', '2022-07-01', '2023-07-01-preview', '2025-05-01', '2025-10-01-preview'];

const containerRegistry = [
  '2016-06-27-preview', '2017-03-01', '2017-06-01-preview', '2017-10-01', '2018-02-01-preview', '2018-09-01',
  '2019-04-01', '2019-05-01', '2019-05-01-preview', '2019-06-01-preview', '2019-12-01-preview', '2020-11-01-preview',
  '2021-06-01-preview', '2021-08-01-preview', '2021-09-01', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01',
  '2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview',
  '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01',
];

const subscriptions = ['2014-04-01', '2015-01-01', '2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-01-01', '2022-09-01', '2022-12-01'];

const resources = [
  '2014-04-01', '2015-01-01', '2015-11-01', '2016-02-01', '2016-07-01', '2016-09-01', '2017-05-10', '2018-02-01',
  '2018-05-01', '2019-03-01', '2019-05-01', '2019-05-10', '2019-07-01', '2019-08-01', '2019-10-01', '2020-06-01',
  '2020-08-01', '2020-10-01', '2021-01-01', '2021-04-01', '2022-09-01', '2023-07-01', '2024-03-01', '2024-07-01',
  '2024-11-01', '2025-03-01', '2025-04-01',
];

const resourceGraph = ['2021-03-01', '2022-10-01', '2024-04-01'];

export const apiVersions: Record<ApiFamily, readonly string[]> = { network, privateDns, dnsResolver, containerRegistry, subscriptions, resources, resourceGraph };

/** Checks the request's api-version against what Azure publishes for this family of resource types. */
export function checkApiVersion(family: ApiFamily, apiVersion: string | null): ArmError | undefined {
  if (apiVersion === null || apiVersion === '') {
    return badRequest('MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const supported = apiVersions[family];
  if (supported.includes(apiVersion)) return undefined;
  return badRequest(
    'InvalidApiVersionParameter',
    `The api-version '${apiVersion}' is invalid. The supported versions are '${supported.slice().reverse().join(',')}'.`,
  );
}

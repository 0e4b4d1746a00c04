// What ACR answers a client that reached one of its endpoints, in the shapes real registries send:
// the login server's anonymous `GET /v2/` is a 401 with the Bearer challenge (recorded from real
// Azure by the Azure CLI's check-health test); a client the firewall refuses gets 403 DENIED with
// "client with IP '…' is not allowed access" (the body docker and az print); a data endpoint has no
// documented anonymous answer, so the sandbox's is a plain 404 that clients must not rely on.
import type { RegistryRecord } from '../state';

export interface EndpointAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The public IP the sandbox pretends this machine's traffic leaves from (TEST-NET-2, documentation only). */
export const CLIENT_PUBLIC_ADDRESS = '198.51.100.10';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): EndpointAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Docker-Distribution-Api-Version': 'registry/2.0', ...headers },
  body: JSON.stringify(body),
});

export function bearerChallenge(loginServer: string): EndpointAnswer {
  return json(
    401,
    { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required, visit https://aka.ms/acr/authorization for more information.', detail: null }] },
    { 'WWW-Authenticate': `Bearer realm="https://${loginServer}/oauth2/token",service="${loginServer}"` },
  );
}

export function denied(clientAddress: string = CLIENT_PUBLIC_ADDRESS): EndpointAnswer {
  return json(403, { errors: [{ code: 'DENIED', message: `client with IP '${clientAddress}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.` }] });
}

export function dataEndpointAnswer(): EndpointAnswer {
  return json(404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
}

/** The public endpoint lets a client in when public access is on and the IP rules (if the default is Deny) allow it. */
export function publicAccessAllows(registry: RegistryRecord, clientAddress: string = CLIENT_PUBLIC_ADDRESS): boolean {
  if (registry.publicNetworkAccess === 'Disabled') return false;
  if (registry.networkRuleSet.defaultAction !== 'Deny') return true;
  return registry.networkRuleSet.ipRules.some((r) => r.action.toLowerCase() === 'allow' && (r.value === clientAddress || r.value === `${clientAddress}/32`));
}

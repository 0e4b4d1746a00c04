// ARM error bodies: `{ error: { code, message } }` with the status codes and wording Azure uses, so a
// client's error handling is exercised against the same shapes it meets in production.

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** False where a front end answers `{ code, message }` without ARM's `error` wrapper. */
    readonly wrapped = true,
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string } } | { code: string; message: string } {
    return this.wrapped ? { error: { code: this.code, message: this.message } } : { code: this.code, message: this.message };
  }
}

export const badRequest = (code: string, message: string): ArmError => new ArmError(400, code, message);

export const invalidJson = (detail: string): ArmError =>
  new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${detail}'.`);

export const missingProperty = (property: string): ArmError =>
  new ArmError(400, 'InvalidRequestFormat', `Cannot parse the request. The required property '${property}' is missing.`);

export const invalidResourceName = (name: string, type: string, rule: string): ArmError =>
  new ArmError(400, 'InvalidResourceName', `Resource name '${name}' is invalid for ${type}. ${rule}`);

export const subscriptionNotFound = (subscriptionId: string): ArmError =>
  new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);

export const resourceGroupNotFound = (resourceGroupName: string): ArmError =>
  new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroupName}' could not be found.`);

/** What ARM itself answers for a missing top-level resource. */
export const resourceNotFound = (type: string, name: string, resourceGroupName: string): ArmError =>
  new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${resourceGroupName}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );

/** What resource providers answer for a missing child resource (subnet, zone group, record set…). */
export const childNotFound = (id: string): ArmError => new ArmError(404, 'NotFound', `Resource ${id} not found.`);

export const conflict = (code: string, message: string): ArmError => new ArmError(409, code, message);

/** Private DNS's 412: Azure answers it without the `error` wrapper (`{"code":"PreconditionFailed","message":…}`). */
export const preconditionFailed = (message: string): ArmError => new ArmError(412, 'PreconditionFailed', message, {}, false);

export const authenticationFailed = (message: string): ArmError => new ArmError(401, 'AuthenticationFailed', message);

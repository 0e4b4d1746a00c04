// Resource Graph's error body: ARM's `{ error: { code, message } }` with ARG's support message (a
// timestamp and the correlation id, which the response's x-ms-correlation-request-id repeats) and
// `details` saying what was wrong, e.g. InvalidQuery followed by the parser's finding.

import { ArmError } from '../arm/errors';
import { newGuid } from '../ids';
import type { KqlError } from './kql';

export interface ErrorDetail {
  code: string;
  message: string;
  [extra: string]: unknown;
}

export class ResourceGraphError extends ArmError {
  readonly details: ErrorDetail[];

  constructor(details: ErrorDetail[], correlationId = newGuid()) {
    super(
      400,
      'BadRequest',
      `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${correlationId}.`,
      { 'x-ms-correlation-request-id': correlationId },
    );
    this.details = details;
  }

  override toBody(): { error: { code: string; message: string; details: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const INVALID_QUERY_MESSAGE = 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.';

export const invalidQuery = (e: KqlError): ResourceGraphError =>
  new ResourceGraphError([
    { code: 'InvalidQuery', message: INVALID_QUERY_MESSAGE },
    { code: e.code, message: e.message, line: e.line, characterPositionInLine: e.characterPositionInLine, token: e.token },
  ]);

export const invalidSkipToken = (why: string): ResourceGraphError =>
  new ResourceGraphError([{ code: 'InvalidSkipToken', message: `The $skipToken is not valid for this request: ${why} Send the same query and subscriptions that returned it.` }]);

// The Output channel's record of writes: what, where, Azure's answer and its request id; reads and
// read-only POSTs are not writes; no header but the request ids is kept, so no token reaches the log;
// a write whose connection is reset says it may have been applied.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest, type PipelineResponse, type SendRequest } from '@azure/core-rest-pipeline';
import { describeWriteRecord, isWrite, WriteOutcomeUnknownError, writeLogPolicy, type WriteRecord } from '../../../src/azure/writeLog';

const ARM = 'https://management.azure.com';
const RECORD = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io/A/myregistry';

function answer(status: number, headers: Record<string, string>, body?: unknown): SendRequest {
  return async (request) => ({ request, status, headers: createHttpHeaders(headers), ...(body !== undefined ? { bodyAsText: JSON.stringify(body) } : {}) }) as PipelineResponse;
}

async function send(method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST', path: string, next: SendRequest): Promise<{ records: WriteRecord[]; error?: unknown }> {
  const records: WriteRecord[] = [];
  const request = createPipelineRequest({ url: `${ARM}${path}?api-version=2024-06-01`, method });
  request.headers.set('Authorization', 'Bearer eyJhbGciOi.secret.token');
  try {
    await writeLogPolicy((r) => records.push(r)).sendRequest(request, next);
    return { records };
  } catch (error) {
    return { records, error };
  }
}

void describe('writeLogPolicy', () => {
  void it('records a PUT with its status and request id, and nothing of the token', async () => {
    const { records } = await send('PUT', RECORD, answer(201, { 'x-ms-request-id': 'req-1', 'x-ms-correlation-request-id': 'corr-1' }));
    assert.deepEqual(records, [{ method: 'PUT', path: RECORD, status: 201, requestId: 'req-1' }]);
    const line = describeWriteRecord(records[0]!);
    assert.equal(line, `PUT ${RECORD} → 201 Created (request id req-1)`);
    assert.doesNotMatch(line, /Bearer|eyJ|secret/);
  });

  void it('does not record reads, Resource Graph queries or name checks', async () => {
    for (const [method, path] of [
      ['GET', RECORD],
      ['POST', '/providers/Microsoft.ResourceGraph/resources'],
      ['POST', '/subscriptions/s1/providers/Microsoft.ContainerRegistry/checkNameAvailability'],
    ] as const) {
      const { records } = await send(method, path, answer(200, { 'x-ms-request-id': 'r' }));
      assert.deepEqual(records, [], `${method} ${path}`);
    }
    assert.equal(isWrite('POST', '/subscriptions/s1/providers/Microsoft.ContainerRegistry/register'), true);
  });

  void it("records a refused write with Azure's code and message, and the correlation id when there is no request id", async () => {
    const { records } = await send('PATCH', RECORD, answer(412, { 'x-ms-correlation-request-id': 'corr-2' }, { error: { code: 'PreconditionFailed', message: 'The etag did not match.' } }));
    assert.equal(records.length, 1);
    assert.equal(describeWriteRecord(records[0]!), `PATCH ${RECORD} → failed (412): The etag did not match. (PreconditionFailed) (request id corr-2)`);
  });

  void it('a 202 says Azure continues the operation', async () => {
    const { records } = await send('DELETE', RECORD, answer(202, { 'x-ms-request-id': 'req-3' }));
    assert.equal(describeWriteRecord(records[0]!), `DELETE ${RECORD} → 202 Accepted, Azure continues the operation (request id req-3)`);
  });

  void it('a connection reset on a write says it may have been applied, and is recorded so', async () => {
    const reset: SendRequest = () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { records, error } = await send('PUT', RECORD, reset);
    assert.ok(error instanceof WriteOutcomeUnknownError);
    assert.match(error.message, /^The connection was reset before Azure answered PUT \/subscriptions\/.*\/A\/myregistry: the write may have been applied\. Read the resource again/);
    assert.doesNotMatch(error.message, /\.\./);
    assert.match(describeWriteRecord(records[0]!), /failed: connection reset before Azure answered; it may have been applied$/);
  });

  void it('a reset on a read is passed on as it was', async () => {
    const e = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const { error } = await send('GET', RECORD, () => Promise.reject(e));
    assert.equal(error, e);
  });
});

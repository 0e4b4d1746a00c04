// Resource Graph's answers as Azure shapes them (seen in the recorded real traffic): an invalid query's
// reason lies in the error's details; `resultTruncated` is a string; some services answer an error
// without the `error` wrapper. Through the real pipeline and a fake transport.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArmClients } from '../../../src/azure/clients';
import { armErrorText } from '../../../src/azure/errors';
import { queryResourceGraph } from '../../../src/azure/resourceGraph';
import { FakeArm, TARGET, fakeCredential } from './fakeArm';

const SUB = '00000000-0000-4000-8000-000000000001';
const GRAPH = '/providers/Microsoft.ResourceGraph/resources';

function clients(fake: FakeArm) {
  return createArmClients({ target: TARGET, credential: fakeCredential, httpClient: fake, retry: { maxRetries: 0 } });
}

const invalidQuery = {
  error: {
    code: 'BadRequest',
    message: 'Please provide below info when asking for support: timestamp = 2021-04-01T08:01:45.5776189Z, correlationId = 361761ad-d830-46c9-9f1a-9cf001653d41.',
    details: [
      { code: 'InvalidQuery', message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.' },
      { code: 'ParserFailure', message: 'ParserFailure', line: 1, characterPositionInLine: 11, token: '<EOF>', expectedToken: 'Ǐ' },
    ],
  },
};

void describe('Resource Graph answers', () => {
  void it("an invalid query's error says what was wrong first, then the support line", async () => {
    const fake = new FakeArm().on('POST', GRAPH, { status: 400, body: invalidQuery });
    await assert.rejects(queryResourceGraph(clients(fake), { query: 'where where', subscriptionIds: [SUB] }), (e: Error & { code?: string; statusCode?: number }) => {
      assert.equal(e.message, `Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying (InvalidQuery); ParserFailure at line 1, position 11, near <EOF>. ${invalidQuery.error.message}`);
      assert.equal(e.code, 'BadRequest');
      assert.equal(e.statusCode, 400);
      return true;
    });
  });

  void it('an error body without the `error` wrapper keeps its code and message', async () => {
    const fake = new FakeArm().on('POST', GRAPH, { status: 412, body: { code: 'PreconditionFailed', message: 'The Record set a has been modified (etag mismatch).' } });
    await assert.rejects(queryResourceGraph(clients(fake), { query: 'resources', subscriptionIds: [SUB] }), { code: 'PreconditionFailed', statusCode: 412, message: 'The Record set a has been modified (etag mismatch).' });
  });

  void it('a result Azure truncated with no next page fails the query; "false" (a string, as Azure sends it) ends it', async () => {
    const truncated = new FakeArm().on('POST', GRAPH, { status: 200, body: { totalRecords: 5000, count: 1, data: [{ id: '/subscriptions/x' }], facets: [], resultTruncated: 'true' } });
    await assert.rejects(queryResourceGraph(clients(truncated), { query: 'resources', subscriptionIds: [SUB] }), /truncated the result of a query \(1 rows read\) and offered no next page/);
    const whole = new FakeArm().on('POST', GRAPH, { status: 200, body: { totalRecords: 1, count: 1, data: [{ id: '/subscriptions/x' }], facets: [], resultTruncated: 'false' } });
    assert.deepEqual(await queryResourceGraph(clients(whole), { query: 'resources', subscriptionIds: [SUB] }), [{ id: '/subscriptions/x' }]);
  });

  void it('armErrorText: the message alone when there are no details, the details first when there are', () => {
    assert.equal(armErrorText({ message: 'The resource was not found.' }), 'The resource was not found.');
    assert.equal(armErrorText({ message: 'Failed.', details: [{ code: 'Only' }] }), 'Only. Failed.');
    assert.equal(armErrorText({}), undefined);
  });
});

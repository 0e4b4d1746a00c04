// What is at hand stays at hand; what must be waited for is waited for, and fails as Promise.all fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { all, allOf, isPromise, then } from '../../../src/azure/maybe';

void describe('values at hand or to come', () => {
  void it('parts all at hand are combined at once, without a promise', () => {
    const parts = allOf([1, 'two', [3]] as const);
    assert.equal(isPromise(parts), false);
    assert.deepEqual(parts, [1, 'two', [3]]);
    const doubled = then(all([1, 2]), (xs) => xs.map((x) => x * 2));
    assert.deepEqual(doubled, [2, 4]);
  });

  void it('one part to come makes the whole come later, in order', async () => {
    const parts = all([1, Promise.resolve(2), 3]);
    assert.equal(isPromise(parts), true);
    assert.deepEqual(await parts, [1, 2, 3]);
    const chained = then(parts, (xs) => then(all(xs.map((x) => (x === 2 ? Promise.resolve(20) : x))), (ys) => ys.join(',')));
    assert.equal(await chained, '1,20,3');
  });

  void it('a part that fails fails the whole, as Promise.all does', async () => {
    await assert.rejects(Promise.resolve(allOf([1, Promise.reject(new Error('read failed'))] as const)), /read failed/);
  });
});

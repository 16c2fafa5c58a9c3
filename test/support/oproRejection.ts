import assert from 'node:assert/strict';
import { OproError } from '../../src/core/errors';

/** The `OproError` a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function oproRejection(promise: Promise<unknown>): Promise<OproError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OproError, `expected an OproError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to reject');
}

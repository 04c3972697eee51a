import { expect } from 'vitest';
import { ApiError } from '../../../shared/api/envelope';

/** Awaits a call that must be refused and returns the refusal, so a test can check code and Dutch message. */
export async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

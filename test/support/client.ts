import { KMSClient, KMSServiceException } from '@aws-sdk/client-kms';
import { KmsFake, type KmsFakeOptions } from 'kms-fake';

/** A real KMSClient answered by a fake, as a user wires it. Retries off so a failure is one call. */
export function fakeClient(kms: KmsFake, region = 'us-east-1'): KMSClient {
  const client = new KMSClient({ region, maxAttempts: 1 });
  client.middlewareStack.use(kms.plugin());
  return client;
}

/** Fakes made by `setup`, reset after each test (cleanup.ts) so no background key derivation outlives it. */
const made: KmsFake[] = [];
export function resetFakes(): void {
  for (const kms of made.splice(0)) kms.reset();
}

/** A fresh fake and one client on it. */
export function setup(options: KmsFakeOptions = {}, region = 'us-east-1') {
  const kms = new KmsFake(options);
  made.push(kms);
  return { kms, client: fakeClient(kms, region) };
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<KMSServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KMSServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const DAY_MS = 24 * 60 * 60 * 1000;

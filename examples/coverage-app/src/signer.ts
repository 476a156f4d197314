import { KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';

/** One attempt per call: a throttled signature is retried by the job queue, not here. */
const kms = new KMSClient({ region: 'eu-west-1', maxAttempts: 1 });

const ALGORITHM = 'ECDSA_SHA_256';

export async function signDocument(keyId: string, document: string): Promise<Uint8Array> {
  const { Signature } = await kms.send(new SignCommand({ KeyId: keyId, Message: new TextEncoder().encode(document), SigningAlgorithm: ALGORITHM }));
  return Signature!;
}

export async function verifyDocument(keyId: string, document: string, signature: Uint8Array): Promise<boolean> {
  const { SignatureValid } = await kms.send(
    new VerifyCommand({ KeyId: keyId, Message: new TextEncoder().encode(document), Signature: signature, SigningAlgorithm: ALGORITHM }),
  );
  return SignatureValid === true;
}

import type { GetPublicKeyRequest, MessageType, SignRequest, SigningAlgorithmSpec, VerifyRequest } from '@aws-sdk/client-kms';
import { digestBytes } from '../../crypto';
import { noPublicKey, signing } from '../../errors';
import { algorithmFields } from '../keyMetadata';
import { algorithmsOf, offeredAlgorithms, specInfo } from '../keySpecs';
import { ALL_KEY_ID_FORMS } from '../resolveKey';
import type { KeyRecord } from '../store';
import { capableProvider } from './cryptoKeys';
import { keyPairOf } from './material';
import { operation, type OperationGroup } from './operation';
import { dryRunParam, grantTokens, keyIdParam } from './params';

/** The SigningAlgorithm values accepted on the wire: those some key spec offers (keySpecs.ts). */
const SIGNING_ALGORITHMS = offeredAlgorithms('SigningAlgorithms');

const signingInput = {
  KeyId: keyIdParam(),
  Message: { type: 'blob', required: true, min: 1, max: 4096, sensitive: true },
  MessageType: { type: 'string', enum: ['RAW', 'DIGEST', 'EXTERNAL_MU'] },
  GrantTokens: grantTokens,
  SigningAlgorithm: { type: 'string', required: true, enum: SIGNING_ALGORITHMS },
  DryRun: dryRunParam,
} as const;

/** The message types each algorithm takes (API Reference: Sign, MessageType and SigningAlgorithm). */
function messageTypesOf(algorithm: SigningAlgorithmSpec): readonly MessageType[] {
  if (algorithm === 'ED25519_SHA_512') return ['RAW'];
  if (algorithm === 'ED25519_PH_SHA_512') return ['DIGEST'];
  if (algorithm === 'ML_DSA_SHAKE_256') return ['RAW', 'EXTERNAL_MU'];
  return ['RAW', 'DIGEST'];
}

/** External µ is the 64-byte message representative of FIPS 204. */
const MU_BYTES = 64;

/** Usage, algorithm for the key spec, message type and digest length, in that order (precedence.ts). */
function checkSigning(key: KeyRecord, operation: 'Sign' | 'Verify', input: SignRequest) {
  const algorithm = input.SigningAlgorithm!;
  const offered = algorithmsOf(key.keySpec, key.keyUsage).SigningAlgorithms;
  const provider = capableProvider(key, 'SIGN_VERIFY', operation, operation === 'Sign' ? 'sign' : 'verify', { name: algorithm, offered });
  const messageType = input.MessageType ?? 'RAW';
  if (!messageTypesOf(algorithm).includes(messageType)) throw signing.messageTypeNotValid(messageType, algorithm);
  const expected = messageType === 'DIGEST' ? digestBytes(algorithm) : messageType === 'EXTERNAL_MU' ? MU_BYTES : undefined;
  if (expected !== undefined && input.Message!.length !== expected) throw signing.invalidDigestLength(algorithm);
  return { provider, signingInput: { algorithm, messageType, message: input.Message! } };
}

const Sign = operation<SignRequest>({
  input: signingInput,
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const { provider, signingInput: signed } = checkSigning(key, 'Sign', input);
    ctx.dryRunGate(input);
    const signature = provider.sign(keyPairOf(key), signed, ctx.core.entropy.bytes);
    ctx.recordUsage(key, 'Sign');
    return { KeyId: key.arn, Signature: signature, SigningAlgorithm: signed.algorithm };
  },
});

const Verify = operation<VerifyRequest>({
  input: { ...signingInput, Signature: { type: 'blob', required: true, min: 1, max: 6144 } },
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const { provider, signingInput: signed } = checkSigning(key, 'Verify', input);
    ctx.dryRunGate(input);
    if (!provider.verify(keyPairOf(key), signed, input.Signature!)) throw signing.invalidSignature();
    ctx.recordUsage(key, 'Verify');
    return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: signed.algorithm };
  },
});

const GetPublicKey = operation<GetPublicKeyRequest>({
  input: { KeyId: keyIdParam(), GrantTokens: grantTokens },
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(_ctx, _input, key) {
    const family = specInfo(key.keySpec).family;
    if (family === 'symmetric' || family === 'hmac') throw noPublicKey();
    // HMAC keys were refused above, so no MacAlgorithms reach GetPublicKey's output.
    return { KeyId: key.arn, PublicKey: keyPairOf(key).publicKeyDer, KeyUsage: key.keyUsage, ...algorithmFields(key.keySpec, key.keyUsage) };
  },
});

export const signingOperations: OperationGroup = { Sign, Verify, GetPublicKey };

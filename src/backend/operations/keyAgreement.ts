import type { DecapsulateRequest, DeriveSharedSecretRequest, EncapsulateRequest } from '@aws-sdk/client-kms';
import { invalidCiphertext, malformedPublicKey } from '../../errors';
import { ALL_KEY_ID_FORMS } from '../resolveKey';
import { capableProvider, rejectRecipient } from './cryptoKeys';
import { keyPairOf } from './material';
import { operation, type OperationGroup } from './operation';
import { dryRunParam, grantTokens, keyIdParam, recipientParam } from './params';

const DeriveSharedSecret = operation<DeriveSharedSecretRequest>({
  input: {
    KeyId: keyIdParam(),
    KeyAgreementAlgorithm: { type: 'string', required: true, enum: ['ECDH'] },
    PublicKey: { type: 'blob', required: true, min: 1, max: 8192 },
    GrantTokens: grantTokens,
    DryRun: dryRunParam,
    Recipient: recipientParam,
  },
  check: rejectRecipient,
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const provider = capableProvider(key, 'KEY_AGREEMENT', 'DeriveSharedSecret', 'deriveSharedSecret');
    const secret = provider.deriveSharedSecret(keyPairOf(key), input.PublicKey!);
    if (!secret) throw malformedPublicKey();
    ctx.dryRunGate(input);
    ctx.recordUsage(key, 'DeriveSharedSecret');
    // KMS returns the raw ECDH shared secret Z (API Reference: DeriveSharedSecret).
    return { KeyId: key.arn, SharedSecret: secret, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: key.origin };
  },
});

const encapsulationAlgorithm = { type: 'string', required: true, enum: ['ML_KEM'] } as const;

const Encapsulate = operation<EncapsulateRequest>({
  input: { KeyId: keyIdParam(), EncapsulationAlgorithm: encapsulationAlgorithm, GrantTokens: grantTokens, DryRun: dryRunParam },
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const provider = capableProvider(key, 'ENCAPSULATE_DECAPSULATE', 'Encapsulate', 'encapsulate');
    ctx.dryRunGate(input);
    const { sharedSecret, ciphertext } = provider.encapsulate(keyPairOf(key), ctx.core.entropy.bytes);
    ctx.recordUsage(key, 'Encapsulate');
    return { KeyId: key.arn, SharedSecret: sharedSecret, SharedSecretCiphertextBlob: ciphertext, EncapsulationAlgorithm: 'ML_KEM' };
  },
});

const Decapsulate = operation<DecapsulateRequest>({
  input: {
    KeyId: keyIdParam(),
    SharedSecretCiphertextBlob: { type: 'blob', required: true, min: 1, max: 6144 },
    EncapsulationAlgorithm: encapsulationAlgorithm,
    GrantTokens: grantTokens,
    DryRun: dryRunParam,
  },
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const provider = capableProvider(key, 'ENCAPSULATE_DECAPSULATE', 'Decapsulate', 'decapsulate');
    // ML-KEM's implicit rejection turns a wrong ciphertext of the right length into another
    // secret; only a wrong length is detectable (FIPS 203, 7.3).
    const secret = provider.decapsulate(keyPairOf(key), input.SharedSecretCiphertextBlob!);
    if (!secret) throw invalidCiphertext();
    ctx.dryRunGate(input);
    ctx.recordUsage(key, 'Decapsulate');
    return { KeyId: key.arn, SharedSecret: secret, EncapsulationAlgorithm: 'ML_KEM' };
  },
});

export const keyAgreementOperations: OperationGroup = { DeriveSharedSecret, Encapsulate, Decapsulate };

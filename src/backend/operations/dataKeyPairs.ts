import type { DataKeyPairSpec, GenerateDataKeyPairRequest, GenerateDataKeyPairWithoutPlaintextRequest } from '@aws-sdk/client-kms';
import { providerFor } from '../../crypto';
import { cryptoGap } from '../../errors';
import { SEED_BYTES, specInfo } from '../keySpecs';
import { ALL_KEY_ID_FORMS } from '../resolveKey';
import type { KeyRecord } from '../store';
import { assertEncryptingKey, rejectRecipient, sealUnder } from './cryptoKeys';
import { operation, type OperationContext, type OperationGroup } from './operation';
import { dryRunParam, encryptionContext, grantTokens, keyIdParam, recipientParam } from './params';

/** Every DataKeyPairSpec (API Reference: GenerateDataKeyPair); each is also a KeySpec. */
const KEY_PAIR_SPECS = {
  RSA_2048: true,
  RSA_3072: true,
  RSA_4096: true,
  ECC_NIST_P256: true,
  ECC_NIST_P384: true,
  ECC_NIST_P521: true,
  ECC_SECG_P256K1: true,
  ECC_NIST_EDWARDS25519: true,
  ML_KEM_512: true,
  ML_KEM_768: true,
  ML_KEM_1024: true,
  SM2: true,
} as const satisfies Record<DataKeyPairSpec, true>;

const dataKeyPairInput = {
  EncryptionContext: encryptionContext,
  KeyId: keyIdParam(),
  KeyPairSpec: { type: 'string', required: true, enum: Object.keys(KEY_PAIR_SPECS) },
  GrantTokens: grantTokens,
  DryRun: dryRunParam,
} as const;

// A fresh data key pair's seed is drawn from the fake's entropy, so a seed reproduces it.

/**
 * A fresh key pair whose PKCS#8 private key is encrypted under the symmetric `key` with the
 * encryption context bound, exactly as GenerateDataKey encrypts a data key.
 */
function newDataKeyPair(ctx: OperationContext, input: GenerateDataKeyPairWithoutPlaintextRequest, key: KeyRecord) {
  assertEncryptingKey(key, ctx.operation, 'SYMMETRIC_DEFAULT');
  const spec = input.KeyPairSpec!;
  const provider = providerFor(specInfo(spec).family);
  if (!provider.keyPair) throw cryptoGap(provider.gap, `generate ${spec} key pairs`);
  ctx.dryRunGate(input);
  const pair = provider.keyPair(spec, ctx.core.entropy.bytes(SEED_BYTES));
  const sealed = sealUnder(ctx, key, pair.privateKeyDer, input.EncryptionContext ?? {});
  return {
    privateKey: pair.privateKeyDer,
    PrivateKeyCiphertextBlob: sealed.blob,
    PublicKey: pair.publicKeyDer,
    KeyId: key.arn,
    KeyPairSpec: spec,
    KeyMaterialId: sealed.material.id,
  };
}

const GenerateDataKeyPair = operation<GenerateDataKeyPairRequest>({
  input: { ...dataKeyPairInput, Recipient: recipientParam },
  check: rejectRecipient,
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const { privateKey, ...rest } = newDataKeyPair(ctx, input, key);
    ctx.recordUsage(key, 'GenerateDataKeyPair');
    return { ...rest, PrivateKeyPlaintext: privateKey };
  },
});

const GenerateDataKeyPairWithoutPlaintext = operation<GenerateDataKeyPairWithoutPlaintextRequest>({
  input: dataKeyPairInput,
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const { privateKey: _discarded, ...rest } = newDataKeyPair(ctx, input, key);
    ctx.recordUsage(key, 'GenerateDataKeyPairWithoutPlaintext');
    return rest;
  },
});

export const dataKeyPairOperations: OperationGroup = { GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext };

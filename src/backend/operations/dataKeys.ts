import type {
  GenerateDataKeyRequest,
  GenerateDataKeyWithoutPlaintextRequest,
  GenerateRandomRequest,
} from '@aws-sdk/client-kms';
import { dataKey } from '../../errors';
import { assertRandomSource } from '../customKeyStores';
import { ALL_KEY_ID_FORMS } from '../resolveKey';
import { assertEncryptingKey, rejectRecipient, sealUnder } from './cryptoKeys';
import { operation, type OperationContext, type OperationGroup } from './operation';
import {
  customKeyStoreIdParam,
  DATA_KEY_SPECS,
  dryRunParam,
  encryptionContext,
  grantTokens,
  keyIdParam,
  recipientParam,
} from './params';
import type { KeyRecord } from '../store';

/** Bytes per data key spec, and the NumberOfBytes range (API Reference: GenerateDataKey). */
const DATA_KEY_BYTES: Record<(typeof DATA_KEY_SPECS)[number], number> = { AES_256: 32, AES_128: 16 };
const numberOfBytes = { type: 'integer', min: 1, max: 1024 } as const;

const dataKeyInput = {
  KeyId: keyIdParam(),
  EncryptionContext: encryptionContext,
  NumberOfBytes: numberOfBytes,
  KeySpec: { type: 'string', enum: DATA_KEY_SPECS },
  GrantTokens: grantTokens,
  DryRun: dryRunParam,
} as const;

/** Exactly one of KeySpec and NumberOfBytes. */
function checkDataKeySize(input: GenerateDataKeyWithoutPlaintextRequest): void {
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) throw dataKey.numberOrSpec();
}

/** A fresh data key, encrypted under `key` with the context bound. */
function newDataKey(ctx: OperationContext, input: GenerateDataKeyWithoutPlaintextRequest, key: KeyRecord) {
  assertEncryptingKey(key, ctx.operation, 'SYMMETRIC_DEFAULT');
  ctx.dryRunGate(input);
  const plaintext = ctx.core.entropy.bytes(input.NumberOfBytes ?? DATA_KEY_BYTES[input.KeySpec!]);
  const sealed = sealUnder(ctx, key, plaintext, input.EncryptionContext ?? {});
  return { plaintext, CiphertextBlob: sealed.blob, KeyId: key.arn, KeyMaterialId: sealed.material.id };
}

const GenerateDataKey = operation<GenerateDataKeyRequest>({
  input: { ...dataKeyInput, Recipient: recipientParam },
  check(input) {
    checkDataKeySize(input);
    rejectRecipient(input);
  },
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const { plaintext, ...rest } = newDataKey(ctx, input, key);
    ctx.recordUsage(key, 'GenerateDataKey');
    return { ...rest, Plaintext: plaintext };
  },
});

const GenerateDataKeyWithoutPlaintext = operation<GenerateDataKeyWithoutPlaintextRequest>({
  input: dataKeyInput,
  check: checkDataKeySize,
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const { plaintext: _discarded, ...rest } = newDataKey(ctx, input, key);
    ctx.recordUsage(key, 'GenerateDataKeyWithoutPlaintext');
    return rest;
  },
});

const GenerateRandom = operation<GenerateRandomRequest>({
  input: {
    NumberOfBytes: numberOfBytes,
    CustomKeyStoreId: customKeyStoreIdParam,
    Recipient: recipientParam,
  },
  check(input) {
    // The model marks it optional; the service requires it.
    if (input.NumberOfBytes === undefined) throw dataKey.numberOfBytesRequired();
    rejectRecipient(input);
  },
  run(ctx, input) {
    if (input.CustomKeyStoreId !== undefined) assertRandomSource(ctx.region, input.CustomKeyStoreId);
    return { Plaintext: ctx.core.entropy.bytes(input.NumberOfBytes!) };
  },
});

export const dataKeyOperations: OperationGroup = {
  GenerateDataKey,
  GenerateDataKeyWithoutPlaintext,
  GenerateRandom,
};

import type { DecryptRequest, DryRunModifierType, EncryptionAlgorithmSpec, EncryptRequest, ReEncryptRequest } from '@aws-sdk/client-kms';
import { contextWithAsymmetricAlgorithm, internalError, missingMember } from '../../errors';
import { ALL_KEY_ID_FORMS } from '../resolveKey';
import { assertEncryptingKey, assertPlaintextFits, encryptUnder, keyOfCiphertext, rejectRecipient } from './cryptoKeys';
import { operation, type OperationContext, type OperationGroup } from './operation';
import { dryRunParam, encryptionAlgorithm, encryptionContext, grantTokens, keyIdParam, recipientParam } from './params';

/** Symmetric plaintext limit (API Reference: Encrypt). */
const MAX_PLAINTEXT_BYTES = 4096;
const MAX_CIPHERTEXT_BYTES = 6144;

const ciphertextBlob = { type: 'blob', min: 1, max: MAX_CIPHERTEXT_BYTES } as const;
const dryRunModifiers = { type: 'list', member: { type: 'string', enum: ['IGNORE_CIPHERTEXT'] } } as const;

/** CiphertextBlob may be left out only in a dry run that ignores the ciphertext. */
function requireCiphertext(input: { CiphertextBlob?: Uint8Array; DryRun?: boolean; DryRunModifiers?: DryRunModifierType[] }) {
  if (input.CiphertextBlob === undefined && !ignoresCiphertext(input)) throw missingMember('ciphertextBlob');
}

/** A parameter rule: an encryption context goes only with SYMMETRIC_DEFAULT (an omitted algorithm). */
function symmetricContextOnly(algorithm: EncryptionAlgorithmSpec | undefined, context: Record<string, string> | undefined): void {
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT' && Object.keys(context ?? {}).length > 0) {
    throw contextWithAsymmetricAlgorithm();
  }
}

const ignoresCiphertext = (input: { DryRun?: boolean; DryRunModifiers?: DryRunModifierType[] }) =>
  input.DryRun === true && (input.DryRunModifiers ?? []).includes('IGNORE_CIPHERTEXT');

const Encrypt = operation<EncryptRequest>({
  input: {
    KeyId: keyIdParam(),
    Plaintext: { type: 'blob', required: true, min: 1, max: MAX_PLAINTEXT_BYTES, sensitive: true },
    EncryptionContext: encryptionContext,
    GrantTokens: grantTokens,
    EncryptionAlgorithm: encryptionAlgorithm,
    DryRun: dryRunParam,
  },
  check: (input) => symmetricContextOnly(input.EncryptionAlgorithm, input.EncryptionContext),
  key: { param: 'KeyId', forms: ALL_KEY_ID_FORMS },
  run(ctx, input, key) {
    const algorithm = input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
    assertEncryptingKey(key, 'Encrypt', algorithm);
    assertPlaintextFits(key, algorithm, input.Plaintext!);
    ctx.dryRunGate(input);
    const { blob } = encryptUnder(ctx, key, algorithm, input.Plaintext!, input.EncryptionContext ?? {});
    ctx.recordUsage(key, 'Encrypt');
    return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: algorithm };
  },
});

const Decrypt = operation<DecryptRequest>({
  input: {
    CiphertextBlob: ciphertextBlob,
    EncryptionContext: encryptionContext,
    GrantTokens: grantTokens,
    KeyId: keyIdParam(false),
    EncryptionAlgorithm: encryptionAlgorithm,
    Recipient: recipientParam,
    DryRun: dryRunParam,
    DryRunModifiers: dryRunModifiers,
  },
  check(input) {
    requireCiphertext(input);
    symmetricContextOnly(input.EncryptionAlgorithm, input.EncryptionContext);
    rejectRecipient(input);
  },
  run(ctx, input) {
    const algorithm = input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
    if (input.CiphertextBlob === undefined) return dryRunWithoutCiphertext(ctx, input);
    const opening = keyOfCiphertext(ctx, input.CiphertextBlob, input.KeyId, algorithm);
    if (ignoresCiphertext(input)) ctx.dryRunGate(input);
    const { plaintext, material } = opening.open(input.EncryptionContext ?? {});
    ctx.dryRunGate(input);
    ctx.recordUsage(opening.key, 'Decrypt');
    return { KeyId: opening.key.arn, Plaintext: plaintext, EncryptionAlgorithm: algorithm, KeyMaterialId: material?.id };
  },
});

/** A dry run with IGNORE_CIPHERTEXT and no blob still checks the named key, if any. */
function dryRunWithoutCiphertext(ctx: OperationContext, input: DecryptRequest | ReEncryptRequest): never {
  const named = 'SourceKeyId' in input ? input.SourceKeyId : (input as DecryptRequest).KeyId;
  if (named !== undefined) ctx.requireKey(named, ALL_KEY_ID_FORMS);
  ctx.dryRunGate(input);
  throw internalError('a dry run without ciphertext passed its gate');
}

const ReEncrypt = operation<ReEncryptRequest>({
  input: {
    CiphertextBlob: ciphertextBlob,
    SourceEncryptionContext: encryptionContext,
    SourceKeyId: keyIdParam(false),
    DestinationKeyId: keyIdParam(),
    DestinationEncryptionContext: encryptionContext,
    SourceEncryptionAlgorithm: encryptionAlgorithm,
    DestinationEncryptionAlgorithm: encryptionAlgorithm,
    GrantTokens: grantTokens,
    DryRun: dryRunParam,
    DryRunModifiers: dryRunModifiers,
  },
  check(input) {
    requireCiphertext(input);
    symmetricContextOnly(input.SourceEncryptionAlgorithm, input.SourceEncryptionContext);
    symmetricContextOnly(input.DestinationEncryptionAlgorithm, input.DestinationEncryptionContext);
  },
  run(ctx, input) {
    const sourceAlgorithm = input.SourceEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
    const destinationAlgorithm = input.DestinationEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
    if (input.CiphertextBlob === undefined) return dryRunWithoutCiphertext(ctx, input);
    const opening = keyOfCiphertext(ctx, input.CiphertextBlob, input.SourceKeyId, sourceAlgorithm);
    const destination = ctx.requireKey(input.DestinationKeyId!, ALL_KEY_ID_FORMS, 'kms:ReEncryptTo');
    assertEncryptingKey(destination, 'ReEncrypt', destinationAlgorithm);
    if (ignoresCiphertext(input)) ctx.dryRunGate(input);
    const source = opening.open(input.SourceEncryptionContext ?? {});
    assertPlaintextFits(destination, destinationAlgorithm, source.plaintext);
    ctx.dryRunGate(input);
    const sealed = encryptUnder(ctx, destination, destinationAlgorithm, source.plaintext, input.DestinationEncryptionContext ?? {});
    ctx.recordUsage(opening.key, 'ReEncrypt');
    ctx.recordUsage(destination, 'ReEncrypt');
    return {
      CiphertextBlob: sealed.blob,
      SourceKeyId: opening.key.arn,
      KeyId: destination.arn,
      SourceEncryptionAlgorithm: sourceAlgorithm,
      DestinationEncryptionAlgorithm: destinationAlgorithm,
      SourceKeyMaterialId: source.material?.id,
      DestinationKeyMaterialId: sealed.material?.id,
    };
  },
});

export const dataCryptoOperations: OperationGroup = { Encrypt, Decrypt, ReEncrypt };

import { kmsError, unsupported, validation } from './core';

/** Cryptographic operations: ciphertexts, data keys, signatures, MACs, key agreement, public keys. */

/** AWS sends `InvalidCiphertextException` without a message (Recorded: LocalStack test_kms snapshot, test_encrypt_decrypt_encryption_context). */
export const invalidCiphertext = () => kmsError('InvalidCiphertextException');

export const dataKey = {
  numberOrSpec: () => validation('Please specify either number of bytes or key spec.'),
  /** Recorded: LocalStack test_kms snapshot, test_generate_random_invalid_number_of_bytes[None]. */
  numberOfBytesRequired: () => validation('NumberOfBytes is required.'),
};

export const signing = {
  /** Sign/Verify with a DIGEST (or EXTERNAL_MU) message of the wrong length (Recorded: LocalStack test_kms snapshot, test_sign_verify). */
  invalidDigestLength: (algorithm: string) => validation(`Digest is invalid length for algorithm ${algorithm}.`),
  /** No public record shows AWS's text for a message type the algorithm does not take; the fake's own. */
  messageTypeNotValid: (messageType: string, algorithm: string) =>
    validation(`MessageType ${messageType} is not valid for signing algorithm ${algorithm}.`),
  /** AWS sends `KMSInvalidSignatureException` without a message (Recorded: LocalStack test_kms snapshot, test_sign_verify). */
  invalidSignature: () => kmsError('KMSInvalidSignatureException'),
};

/** AWS sends `KMSInvalidMacException` without a message (Recorded: LocalStack test_kms snapshot, test_invalid_verify_mac). */
export const invalidMac = () => kmsError('KMSInvalidMacException');

/** DeriveSharedSecret with a public key that is not a DER SubjectPublicKeyInfo on the key's curve: no message (Recorded: LocalStack test_kms snapshot, test_derive_shared_secret). */
export const malformedPublicKey = () => kmsError('ValidationException');

/**
 * An encryption context with an asymmetric encryption algorithm (API Reference: Encrypt,
 * EncryptionContext: symmetric keys only). The text, with AWS's old "CMKs", is the one floci-io/floci
 * PR #3038 pins as measured on AWS; no first-hand record.
 */
export const contextWithAsymmetricAlgorithm = () =>
  validation('EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.');

/** RSA encryption's plaintext limit (API Reference: Encrypt; Recorded: LocalStack test_kms snapshot, test_encrypt_validate_plaintext_size_per_key_type). */
export const plaintextTooLarge = (algorithm: string, keySpec: string, limit: number) =>
  validation(`Algorithm ${algorithm} and key spec ${keySpec} cannot encrypt data larger than ${limit} bytes.`);

/** GetPublicKey on a symmetric or HMAC key; emulators send no message and no real record shows one. */
export const noPublicKey = () => kmsError('UnsupportedOperationException');

/** A key with no material (yet, or any more) asked to encrypt or to derive its key pair. */
export const noMaterial = (arn: string) => unsupported(`${arn} has no key material.`);

/** The key's material does not make a key pair of its spec. */
export const noUsableMaterial = (arn: string) => unsupported(`${arn} has no usable key material.`);

/** Nitro Enclaves attestation is outside what an in-process fake can verify. */
export const attestationNotVerified = () =>
  unsupported('kms-fake does not verify Nitro Enclaves attestation documents (Recipient).');

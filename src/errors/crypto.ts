import { kmsError, unsupported, validation } from './core';

/** Cryptographic operations: ciphertexts, data keys, signatures, MACs, key agreement, public keys. */

/** AWS sends `InvalidCiphertextException` without a message. */
export const invalidCiphertext = () => kmsError('InvalidCiphertextException');

export const dataKey = {
  numberOrSpec: () => validation('Please specify either number of bytes or key spec.'),
  numberOfBytesRequired: () => validation('NumberOfBytes is required.'),
};

export const signing = {
  /** Sign/Verify with a DIGEST (or EXTERNAL_MU) message of the wrong length for the algorithm. */
  invalidDigestLength: (algorithm: string) => validation(`Digest is invalid length for algorithm ${algorithm}.`),
  /** No public record shows AWS's text for a message type the algorithm does not take; the fake's own. */
  messageTypeNotValid: (messageType: string, algorithm: string) =>
    validation(`MessageType ${messageType} is not valid for signing algorithm ${algorithm}.`),
  /** AWS sends `KMSInvalidSignatureException` without a message. */
  invalidSignature: () => kmsError('KMSInvalidSignatureException'),
};

/** AWS sends `KMSInvalidMacException` without a message. */
export const invalidMac = () => kmsError('KMSInvalidMacException');

/** DeriveSharedSecret with a public key that is not a DER SubjectPublicKeyInfo on the key's curve: no message. */
export const malformedPublicKey = () => kmsError('ValidationException');

/** RSA encryption's plaintext limit (API Reference: Encrypt). */
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

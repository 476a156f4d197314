import { kmsError, unsupported, validation } from './core';

/** Keys and their properties: lookup, usage, CreateKey, deletion, aliases, tags, key policies. */

/** Recorded: LocalStack test_kms snapshot, test_get_key_does_not_exist, test_get_key_invalid_uuid, test_get_key_in_different_region, test_generate_and_verify_mac. */
export const notFound = {
  key: (arn: string) => kmsError('NotFoundException', `Key '${arn}' does not exist`),
  alias: (aliasArn: string) => kmsError('NotFoundException', `Alias ${aliasArn} is not found.`),
  invalidKeyId: (keyId: string) => kmsError('NotFoundException', `Invalid keyId '${keyId}'`),
  /** A key ARN addressed to another region than the request's: AWS names the ARN's region. */
  otherRegionArn: (region: string) => kmsError('NotFoundException', `Invalid arn ${region}`),
  malformedArn: () => kmsError('NotFoundException', 'Invalid arn'),
  /** KMS keys have one policy, `default`; no public record shows the text for another name. */
  policy: (name: string) => kmsError('NotFoundException', `Policy ${name} does not exist`),
};

export const keyUsage = {
  /** Recorded: LocalStack test_kms snapshot, test_error_messaging_for_invalid_keys (GenerateMac, Sign, Verify, Encrypt), test_derive_shared_secret. */
  notValidFor: (arn: string, usage: string, operation: string) =>
    kmsError('InvalidKeyUsageException', `${arn} key usage is ${usage} which is not valid for ${operation}.`),
  /** Recorded: LocalStack test_kms snapshot, test_invalid_generate_mac and test_invalid_verify_mac. */
  algorithmIncompatible: (algorithm: string, keySpec: string) =>
    kmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${keySpec}.`),
};

/**
 * Decrypt's `KeyId` or ReEncrypt's `SourceKeyId` naming another key than the ciphertext's, or a key
 * that cannot decrypt at all. Recorded: LocalStack test_kms snapshot, test_error_messaging_for_invalid_keys
 * (Decrypt, an HMAC KeyId) and test_re_encrypt_incorrect_source_key (ReEncrypt, an HMAC SourceKeyId).
 */
export const incorrectKey = () =>
  kmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');

export const alreadyExists = (aliasArn: string) =>
  kmsError('AlreadyExistsException', `An alias with the name ${aliasArn} already exists`);

/**
 * Recorded: LocalStack test_kms snapshots test_tag_key_with_duplicate_tag_keys_raises_error,
 * test_create_key_with_too_many_tags_raises_error and test_create_key_with_invalid_tag_key
 * (AWS-validated; the texts as LocalStack reproduces them).
 */
export const tags = {
  reserved: () => kmsError('TagException', 'Tags beginning with aws: are reserved'),
  tooMany: () => kmsError('TagException', 'Too many tags'),
  duplicate: () => kmsError('TagException', 'Duplicate tag keys'),
};

/** A key policy's form (the fake checks only that it is a JSON document with statements). */
export const keyPolicy = {
  /** AWS sends no message (real output quoted in aws-sdk-ruby#1784: CreateKey with a policy that is not JSON). */
  notJson: () => kmsError('MalformedPolicyDocumentException'),
  /** No public record shows the text; the fake's own. */
  noStatement: () => kmsError('MalformedPolicyDocumentException', 'The policy document must contain a Statement.'),
};

export const aliases = {
  /** Recorded: LocalStack test_kms snapshot, test_create_alias. */
  missingPrefix: () =>
    validation('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html'),
  /** `alias/aws/` names belong to AWS managed keys; AWS answers with no message. */
  reserved: () => kmsError('NotAuthorizedException'),
  targetIsAlias: () => validation('Aliases must refer to keys. Not aliases'),
  /** UpdateAlias keeps an alias on one type of key; no public record shows AWS's text. */
  differentKeyType: (currentArn: string, newArn: string) =>
    validation(`${newArn} is not the same key type or key usage as ${currentArn}, the key the alias currently points to.`),
};

export const createKey = {
  /** Recorded: LocalStack test_kms snapshot, test_hmac_create_key_invalid_operations. */
  usageRequired: () => validation('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.'),
  /** Recorded: LocalStack test_kms snapshot, test_derive_shared_secret (KEY_AGREEMENT with RSA_2048). */
  incompatible: (usage: string, spec: string) => validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}`),
  bothSpecs: () =>
    validation('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.'),
  chinaOnly: (spec: string) => unsupported(`KeySpec ${spec} is only available in the China Regions.`),
};

/** No public record shows the text; the fake's own. */
export const pendingWindow = () => validation('PendingWindowInDays must be between 7 and 30');

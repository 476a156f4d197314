import { KmsError, usageError } from '../../errors';
import type { Core } from '../core';
import { ALL_KEY_ID_FORMS, arnScopeOf, resolveKey } from '../resolveKey';
import { scopeOf, type KeyRecord } from '../store';
import { IDENTITY_ONLY } from './actions';
import { decide, denialError } from './authorize';
import type { StatementRef } from './evaluate';
import { callerOption } from './settings';

/** What `kms.explain` answers: the decision enforcement would make, and what decided it. */
export interface AccessExplanation {
  /** Whether the call would be allowed under `authorization: 'enforce'`. */
  readonly allowed: boolean;
  /** Whether this fake enforces it (`authorization: 'enforce'`); explain answers either way. */
  readonly enforced: boolean;
  /** Why, in a sentence, naming the statement or grant. */
  readonly reason: string;
  /** The key policy or identity policy statement that decided. */
  readonly statement?: StatementRef;
  /** The identity policy statement a delegation (or an operation on no key) relied on. */
  readonly identityStatement?: StatementRef;
  /** The grant that allowed it. */
  readonly grantId?: string;
  /** The AccessDeniedException message a denied call answers. */
  readonly message?: string;
}

/**
 * Explains one action by one principal on one key (any KeyId form, resolved as the caller's
 * request would be) with an optional encryption context; no key for operations on no key.
 */
export function explainAccess(
  core: Core,
  defaultRegion: string,
  principal: string,
  action: string,
  keyId: string | undefined,
  encryptionContext: Readonly<Record<string, string>> = {},
): AccessExplanation {
  const caller = callerOption(principal);
  const operation = action.replace(/^kms:/i, '');
  const fullAction = `kms:${operation}`;
  const region = (keyId !== undefined && arnScopeOf(keyId)?.region) || defaultRegion;
  let key: KeyRecord | undefined;
  if (keyId !== undefined && !IDENTITY_ONLY.has(operation)) {
    try {
      key = resolveKey(core.store, scopeOf(caller.accountId, region), keyId, ALL_KEY_ID_FORMS, true);
    } catch (error) {
      throw usageError(`explain: ${error instanceof KmsError ? (error.wireMessage ?? error.code) : String(error)}`);
    }
  } else if (keyId === undefined && !IDENTITY_ONLY.has(operation)) {
    throw usageError(`explain: kms:${operation} acts on a key; pass its KeyId`);
  }
  // As the principal's request would carry them: the KeyId as named (kms:RequestAlias) and the context.
  const input = { KeyId: keyId, EncryptionContext: encryptionContext, SourceEncryptionContext: encryptionContext, DestinationEncryptionContext: encryptionContext };
  const decision = decide({ core, caller, operation, input, region: key?.region ?? region }, fullAction, key);
  const { allowed, reason, statement, identityStatement, grantId, denial } = decision;
  return {
    allowed,
    enforced: core.access.enforce,
    reason,
    ...(statement && { statement }),
    ...(identityStatement && { identityStatement }),
    ...(grantId !== undefined && { grantId }),
    ...(denial && { message: denialError(denial, caller.arn, fullAction, key?.arn ?? '*').wireMessage }),
  };
}

import { notFound } from '../errors';
import { aliasArn, keyArn, type KeyRecord, type RegionState, type Scope, type Store } from './store';

/** The ways a `KeyId` parameter can name a key (API Reference: each operation's KeyId). */
export type KeyIdForm = 'keyId' | 'keyArn' | 'aliasName' | 'aliasArn';

export const ALL_KEY_ID_FORMS: readonly KeyIdForm[] = ['keyId', 'keyArn', 'aliasName', 'aliasArn'];
export const KEY_ID_OR_ARN: readonly KeyIdForm[] = ['keyId', 'keyArn'];

/** A key ID as KMS makes them: a UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
export const KEY_ID_PATTERN = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const arnPattern = /^arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/;

interface ParsedKeyRef {
  form: KeyIdForm;
  /** The key ID, or the alias name. */
  name: string;
  scope: Scope;
}

function parse(value: string, scope: Scope): ParsedKeyRef {
  if (value.startsWith('arn:')) {
    const m = arnPattern.exec(value);
    if (!m) throw notFound.malformedArn();
    const [, partition, region, accountId, resource] = m as unknown as [string, string, string, string, string];
    const arnScope = { partition, region, accountId };
    return resource.startsWith('alias/')
      ? { form: 'aliasArn', name: resource, scope: arnScope }
      : { form: 'keyArn', name: resource.slice('key/'.length), scope: arnScope };
  }
  if (value.startsWith('alias/')) return { form: 'aliasName', name: value, scope };
  return { form: 'keyId', name: value, scope };
}

/** The account and region a key ARN or alias ARN names; `undefined` for any other form (or a malformed ARN). */
export function arnScopeOf(value: string): Pick<Scope, 'accountId' | 'region'> | undefined {
  const m = arnPattern.exec(value);
  return m ? { region: m[2]!, accountId: m[3]! } : undefined;
}

/**
 * The only way from a `KeyId` parameter to a key. Honours the forms the operation accepts
 * and answers the way AWS does for a missing key, a missing alias and a malformed ID.
 */
export function resolveKey(store: Store, scope: Scope, value: string, forms: readonly KeyIdForm[], crossAccount = false): KeyRecord {
  const ref = parse(value, scope);
  if (!forms.includes(ref.form)) throw notFound.invalidKeyId(value);
  // A key lives in exactly one region: AWS rejects an ARN of another region by naming it.
  if (ref.scope.region !== scope.region) throw notFound.otherRegionArn(ref.scope.region);
  // Alias names and bare key IDs name the caller's own account; a key ARN or an alias ARN reaches
  // another account's key in operations that allow cross-account use (API Reference: each KeyId,
  // "To specify a KMS key in a different AWS account, you must use the key ARN or alias ARN"),
  // where its key policy decides.
  const sameScope = ref.scope.accountId === scope.accountId && ref.scope.partition === scope.partition;
  const reachable = sameScope || (crossAccount && ref.scope.partition === scope.partition && ref.form !== 'aliasName' && ref.form !== 'keyId');
  const region = store.region(reachable ? ref.scope : scope);
  if (ref.form === 'aliasName' || ref.form === 'aliasArn') {
    const alias = reachable ? region.aliases.get(ref.name) : undefined;
    const key = alias && region.keys.get(alias.targetKeyId);
    if (!key) throw notFound.alias(aliasArn(ref.scope, ref.name));
    return key;
  }
  if (!KEY_ID_PATTERN.test(ref.name)) throw notFound.invalidKeyId(value);
  const key = reachable ? region.keys.get(ref.name) : undefined;
  if (!key) throw notFound.key(keyArn(ref.scope, ref.name));
  return key;
}

/** Finds a key by its bare ID in one region, e.g. the key a ciphertext names. */
export function keyById(region: RegionState, keyId: string): KeyRecord | undefined {
  return region.keys.get(keyId);
}

/** The key of that ID in that region of any account: what a ciphertext of another account's key names (Decrypt is cross-account). */
export function keyInAnyAccount(store: Store, region: string, keyId: string): KeyRecord | undefined {
  for (const state of store.regions()) {
    const key = state.scope.region === region ? state.keys.get(keyId) : undefined;
    if (key) return key;
  }
  return undefined;
}

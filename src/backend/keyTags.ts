import type { Tag } from '@aws-sdk/client-kms';
import { tags as tagErrors } from '../errors';

/** Tags per key (API Reference: TagResource; quotas: 50 tags per KMS key). */
const MAX_TAGS_PER_KEY = 50;

/** `aws:` tag keys, in any case, are reserved (API Reference: TagResource, UntagResource). */
export function assertNotReserved(tagKey: string): void {
  if (tagKey.toLowerCase().startsWith('aws:')) throw tagErrors.reserved();
}

/**
 * The tags a key would carry after adding `added` to `existing`, or the TagException AWS gives:
 * reserved `aws:` keys (any case), duplicate keys in one request, more than 50 in all.
 */
export function mergeTags(existing: ReadonlyMap<string, string>, added: readonly Tag[]): Map<string, string> {
  const seen = new Set<string>();
  const merged = new Map(existing);
  for (const { TagKey = '', TagValue = '' } of added) {
    assertNotReserved(TagKey);
    if (seen.has(TagKey)) throw tagErrors.duplicate();
    seen.add(TagKey);
    merged.set(TagKey, TagValue);
  }
  if (merged.size > MAX_TAGS_PER_KEY) throw tagErrors.tooMany();
  return merged;
}

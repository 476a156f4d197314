import type { ListResourceTagsRequest, TagResourceRequest, UntagResourceRequest } from '@aws-sdk/client-kms';
import { assertNotReserved, mergeTags } from '../keyTags';
import { KEY_ID_OR_ARN } from '../resolveKey';
import type { KeyRecord } from '../store';
import { operation, type OperationGroup } from './operation';
import { keyIdParam, limitParam, markerParam, pageFields, paginate, tagList } from './params';

const keyParam = { param: 'KeyId', forms: KEY_ID_OR_ARN } as const;

const TagResource = operation<TagResourceRequest>({
  input: { KeyId: keyIdParam(), Tags: { ...tagList, required: true } },
  key: keyParam,
  run(_ctx, input, key: KeyRecord) {
    key.tags = mergeTags(key.tags, input.Tags ?? []);
    return {};
  },
});

const UntagResource = operation<UntagResourceRequest>({
  input: {
    KeyId: keyIdParam(),
    TagKeys: { type: 'list', required: true, member: { type: 'string', min: 1, max: 128 } },
  },
  key: keyParam,
  run(_ctx, input, key) {
    for (const tagKey of input.TagKeys ?? []) assertNotReserved(tagKey);
    // Removing a tag the key does not carry is not an error.
    for (const tagKey of input.TagKeys ?? []) key.tags.delete(tagKey);
    return {};
  },
});

const ListResourceTags = operation<ListResourceTagsRequest>({
  input: { KeyId: keyIdParam(), Limit: limitParam(50), Marker: markerParam },
  key: keyParam,
  run(_ctx, input, key) {
    const entries = [...key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
    const page = paginate(entries, (t) => t.TagKey, input.Limit ?? 50, input.Marker);
    return { Tags: page.items, ...pageFields(page) };
  },
});

export const tagOperations: OperationGroup = { TagResource, UntagResource, ListResourceTags };

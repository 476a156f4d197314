import {
  CreateKeyCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type KMSClient,
  type Tag,
} from '@aws-sdk/client-kms';
import { setup } from '../support/client';
import { expectKmsError } from '../support/errors';

/**
 * Tags against recorded AWS answers: LocalStack's AWS-validated test_kms snapshot tests
 * test_tag_existing_key_and_untag, test_create_key_with_tag_and_untag, test_untag_key_partially,
 * test_update_and_add_tags_on_tagged_key, test_tag_key_with_duplicate_tag_keys_raises_error,
 * test_create_key_with_too_many_tags_raises_error, test_create_key_with_invalid_tag_key,
 * test_tag_existing_key_with_invalid_tag_key and test_key_with_long_tag_value_raises_error.
 * The error texts are the ones LocalStack reproduces for those snapshots (its kms utils and models).
 */

let client: KMSClient;
beforeEach(() => ({ client } = setup()));

const tags = (pairs: Record<string, string>): Tag[] => Object.entries(pairs).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
const listTags = async (KeyId: string) =>
  ((await client.send(new ListResourceTagsCommand({ KeyId }))).Tags ?? []).slice().sort((a, b) => a.TagKey!.localeCompare(b.TagKey!));
const newKey = async (Tags?: Tag[]) => (await client.send(new CreateKeyCommand({ Description: 'test key 123', KeyUsage: 'ENCRYPT_DECRYPT', Tags }))).KeyMetadata!.KeyId!;

describe('tagging', () => {
  it('tags an existing key and untags all (test_tag_existing_key_and_untag)', async () => {
    const keyId = await newKey();
    await client.send(new TagResourceCommand({ KeyId: keyId, Tags: tags({ tag1: 'value1', tag2: 'value2' }) }));
    expect(await listTags(keyId)).toEqual(tags({ tag1: 'value1', tag2: 'value2' }));
    await client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['tag1', 'tag2'] }));
    expect(await listTags(keyId)).toEqual([]);
  });

  it('keeps the tags given to CreateKey, and untags some (test_create_key_with_tag_and_untag, test_untag_key_partially)', async () => {
    const keyId = await newKey(tags({ tag1: 'value1', tag2: 'value2', tag3: 'value3' }));
    await client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['tag2'] }));
    expect(await listTags(keyId)).toEqual(tags({ tag1: 'value1', tag3: 'value3' }));
  });

  it('updates the value of an existing tag key and adds new ones (test_update_and_add_tags_on_tagged_key)', async () => {
    const keyId = await newKey(tags({ tag1: 'value1', tag2: 'value2', tag3: 'value3' }));
    await client.send(new TagResourceCommand({ KeyId: keyId, Tags: tags({ tag4: 'value4', tag2: 'updated_value2', tag5: 'value5' }) }));
    expect(await listTags(keyId)).toEqual(tags({ tag1: 'value1', tag2: 'updated_value2', tag3: 'value3', tag4: 'value4', tag5: 'value5' }));
  });
});

describe('tag errors', () => {
  it('refuses duplicate tag keys in one request (test_tag_key_with_duplicate_tag_keys_raises_error)', async () => {
    const keyId = await newKey();
    const Tags = [
      { TagKey: 'tag1', TagValue: 'value1' },
      { TagKey: 'tag1', TagValue: 'another-value1' },
    ];
    await expectKmsError(client.send(new TagResourceCommand({ KeyId: keyId, Tags })), 'TagException', 'Duplicate tag keys');
    expect(await listTags(keyId)).toEqual([]);
  });

  it('refuses 51 tags (test_create_key_with_too_many_tags_raises_error)', async () => {
    const many = tags(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, `value${i}`])));
    await expectKmsError(client.send(new CreateKeyCommand({ Tags: many })), 'TagException', 'Too many tags');
  });

  it('reserves the aws: prefix in any case, on CreateKey and TagResource (test_create_key_with_invalid_tag_key, test_tag_existing_key_with_invalid_tag_key)', async () => {
    for (const TagKey of ['aws:key1', 'AWS:key1']) {
      await expectKmsError(client.send(new CreateKeyCommand({ Tags: [{ TagKey, TagValue: 'value1' }] })), 'TagException', 'Tags beginning with aws: are reserved');
    }
    const keyId = await newKey();
    await expectKmsError(
      client.send(new TagResourceCommand({ KeyId: keyId, Tags: tags({ 'aws:key1': 'value1' }) })),
      'TagException',
      'Tags beginning with aws: are reserved',
    );
  });

  it('answers an over-long tag key or value with the front-end wording (test_create_key_with_invalid_tag_key, test_key_with_long_tag_value_raises_error)', async () => {
    const key = 'a'.repeat(129);
    await expectKmsError(
      client.send(new CreateKeyCommand({ Tags: [{ TagKey: key, TagValue: 'value1' }] })),
      'ValidationException',
      `1 validation error detected: Value '${key}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
    const value = 'v'.repeat(257);
    await expectKmsError(
      client.send(new CreateKeyCommand({ Tags: [{ TagKey: 'tag1', TagValue: value }] })),
      'ValidationException',
      `1 validation error detected: Value '${value}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });
});

import {
  CreateAliasCommand,
  CreateKeyCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type KMSClient,
  type Tag,
} from '@aws-sdk/client-kms';
import { setup } from './support/client';
import { expectKmsError, NO_MESSAGE } from './support/errors';

let client: KMSClient;
beforeEach(() => {
  ({ client } = setup());
});

const tagsOf = (n: number, prefix = 'k'): Tag[] => Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${i}`, TagValue: `v${i}` }));
const byKey = (a: Tag, b: Tag) => (a.TagKey! < b.TagKey! ? -1 : 1);

async function newKey(Tags?: Tag[]): Promise<{ keyId: string; arn: string }> {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Tags }));
  return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

/** All tags of a key, in a stable order (AWS documents none). */
async function tagsOn(keyId: string): Promise<Tag[]> {
  const { Tags, Truncated } = await client.send(new ListResourceTagsCommand({ KeyId: keyId }));
  expect(Truncated).toBe(false);
  return [...Tags!].sort(byKey);
}

const keyCount = async () => (await client.send(new ListKeysCommand({}))).Keys!.length;
const tag = (KeyId: string, Tags: Tag[]) => client.send(new TagResourceCommand({ KeyId, Tags }));

describe('tagging a key', () => {
  it('round-trips tags given to CreateKey and TagResource, the empty value included', async () => {
    const key = await newKey([{ TagKey: 'team', TagValue: 'payments' }]);
    await tag(key.keyId, [
      { TagKey: 'env', TagValue: 'prod' },
      { TagKey: 'note', TagValue: '' },
    ]);
    expect(await tagsOn(key.keyId)).toEqual([
      { TagKey: 'env', TagValue: 'prod' },
      { TagKey: 'note', TagValue: '' },
      { TagKey: 'team', TagValue: 'payments' },
    ]);
    expect(await tagsOn(key.arn)).toEqual(await tagsOn(key.keyId));
  });

  it('TagResource with an existing tag key replaces its value', async () => {
    const key = await newKey([{ TagKey: 'env', TagValue: 'dev' }]);
    await tag(key.arn, [{ TagKey: 'env', TagValue: 'prod' }]);
    expect(await tagsOn(key.keyId)).toEqual([{ TagKey: 'env', TagValue: 'prod' }]);
  });

  it('tag keys are case-sensitive', async () => {
    const key = await newKey([{ TagKey: 'Env', TagValue: 'a' }]);
    await tag(key.keyId, [{ TagKey: 'env', TagValue: 'b' }]);
    expect(await tagsOn(key.keyId)).toEqual([
      { TagKey: 'Env', TagValue: 'a' },
      { TagKey: 'env', TagValue: 'b' },
    ]);
  });

  // messages.md 7, tag C: removing a tag the key lacks is not an error.
  it('UntagResource removes the named tags; a tag key the key does not carry is fine (tag C)', async () => {
    const key = await newKey(tagsOf(3));
    await client.send(new UntagResourceCommand({ KeyId: key.keyId, TagKeys: ['k1', 'never-set'] }));
    expect(await tagsOn(key.keyId)).toEqual([
      { TagKey: 'k0', TagValue: 'v0' },
      { TagKey: 'k2', TagValue: 'v2' },
    ]);
  });

  it('accepts exactly 50 tags, and re-tagging all 50 keys', async () => {
    const key = await newKey(tagsOf(50));
    await tag(key.keyId, tagsOf(50).map((t) => ({ ...t, TagValue: 'new' })));
    const tags = await client.send(new ListResourceTagsCommand({ KeyId: key.keyId }));
    expect(tags.Tags).toHaveLength(50);
    expect(new Set(tags.Tags!.map((t) => t.TagValue))).toEqual(new Set(['new']));
  });
});

describe('tags that are refused', () => {
  const TAG_OPERATIONS = ['CreateKey', 'TagResource'] as const;
  type TagOperation = (typeof TAG_OPERATIONS)[number];

  /** Runs the request through CreateKey or TagResource, then checks nothing changed. */
  async function refused(op: TagOperation, tags: Tag[], code: 'TagException' | 'ValidationException', message: string) {
    const key = await newKey([{ TagKey: 'before', TagValue: 'x' }]);
    const [keysBefore, tagsBefore] = [await keyCount(), await tagsOn(key.keyId)];
    const call = op === 'CreateKey' ? client.send(new CreateKeyCommand({ Tags: tags })) : tag(key.keyId, tags);
    await expectKmsError(call, code, message);
    expect(await keyCount()).toBe(keysBefore);
    expect(await tagsOn(key.keyId)).toEqual(tagsBefore);
  }

  const reservedCases = TAG_OPERATIONS.flatMap((op) => ['aws:key1', 'AWS:key1', 'Aws:Key1'].map((k) => [op, k] as const));
  it.each(reservedCases)('%s refuses the reserved tag key %s', async (op, tagKey) => {
    await refused(op, [{ TagKey: 'ok', TagValue: '1' }, { TagKey: tagKey, TagValue: 'v' }], 'TagException', 'Tags beginning with aws: are reserved');
  });

  it.each(TAG_OPERATIONS)('%s refuses 51 tags in one request', async (op) => {
    await refused(op, tagsOf(51, 'n'), 'TagException', 'Too many tags');
  });

  it('TagResource refuses tags that would take a key past 50 in all, and keeps the old ones', async () => {
    const key = await newKey(tagsOf(45));
    const before = await tagsOn(key.keyId);
    await expectKmsError(tag(key.keyId, [...tagsOf(2), ...tagsOf(6, 'extra')]), 'TagException', 'Too many tags');
    expect(await tagsOn(key.keyId)).toEqual(before);
  });

  it.each(TAG_OPERATIONS)('%s refuses the same tag key twice in one request', async (op) => {
    const dup = [{ TagKey: 'env', TagValue: 'a' }, { TagKey: 'other', TagValue: 'b' }, { TagKey: 'env', TagValue: 'c' }];
    await refused(op, dup, 'TagException', 'Duplicate tag keys');
  });

  const longKey = 'k'.repeat(129);
  const longValue = 'v'.repeat(257);
  it.each(TAG_OPERATIONS.flatMap((op) => [
    [op, 'a tag key of 129 characters', [{ TagKey: longKey, TagValue: 'v' }],
      `1 validation error detected: Value '${longKey}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`],
    [op, 'a tag value of 257 characters', [{ TagKey: 'k', TagValue: longValue }],
      `1 validation error detected: Value '${longValue}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`],
    // The index in the member path is the tag's 1-based position in the request.
    [op, 'a tag key of 129 characters in third place', [...tagsOf(2), { TagKey: longKey, TagValue: 'v' }],
      `1 validation error detected: Value '${longKey}' at 'tags.3.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`],
    // Tag D: AWS's generic null wording (messages.md 4 template), not recorded for tags.
    [op, 'a tag without TagValue (tag D)', [{ TagKey: 'k' } as Tag],
      "1 validation error detected: Value null at 'tags.1.member.tagValue' failed to satisfy constraint: Member must not be null"],
  ] as const))('%s refuses %s with ValidationException', async (op, _label, tags, message) => {
    await refused(op, [...tags], 'ValidationException', message);
  });

  it('reports a too-long key and a too-long value of one tag together (tag D: order of the two)', async () => {
    await refused(
      'TagResource',
      [{ TagKey: longKey, TagValue: longValue }],
      'ValidationException',
      `2 validation errors detected: Value '${longKey}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128; ` +
        `Value '${longValue}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });
});

describe('ListResourceTags', () => {
  it('pages with Limit and Marker: every tag exactly once, Truncated until the last page', async () => {
    const key = await newKey(tagsOf(5));
    const pages: Tag[][] = [];
    const truncated: (boolean | undefined)[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new ListResourceTagsCommand({ KeyId: key.keyId, Limit: 2, Marker: marker }));
      pages.push(page.Tags!);
      truncated.push(page.Truncated);
      marker = page.NextMarker;
      expect(marker !== undefined).toBe(page.Truncated);
    } while (marker !== undefined && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(truncated).toEqual([true, true, false]);
    expect(pages.flat().sort(byKey)).toEqual(tagsOf(5));
  });

  // messages.md 8, tag C: no real-AWS text known; the fake sends none, like local-kms.
  it('rejects a marker it did not issue with InvalidMarkerException (tag C: no message)', async () => {
    const key = await newKey(tagsOf(2));
    await expectKmsError(client.send(new ListResourceTagsCommand({ KeyId: key.keyId, Marker: 'bogus' })), 'InvalidMarkerException', NO_MESSAGE);
  });
});

describe('which key a tag call names', () => {
  const calls = {
    TagResource: (KeyId: string) => new TagResourceCommand({ KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }),
    UntagResource: (KeyId: string) => new UntagResourceCommand({ KeyId, TagKeys: ['before'] }),
    ListResourceTags: (KeyId: string) => new ListResourceTagsCommand({ KeyId }),
  };

  it.each(Object.keys(calls) as (keyof typeof calls)[])('%s refuses an alias name, even of an existing alias', async (op) => {
    const key = await newKey([{ TagKey: 'before', TagValue: 'x' }]);
    await client.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: key.keyId }));
    await expectKmsError(client.send(calls[op]('alias/x') as TagResourceCommand), 'NotFoundException', "Invalid keyId 'alias/x'");
    expect(await tagsOn(key.keyId)).toEqual([{ TagKey: 'before', TagValue: 'x' }]);
  });

  it.each(Object.keys(calls) as (keyof typeof calls)[])('%s on a key that does not exist names its ARN', async (op) => {
    const missing = '6f1b2c3d-1111-4222-8333-444455556666';
    await expectKmsError(
      client.send(calls[op](missing) as TagResourceCommand),
      'NotFoundException',
      `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`,
    );
  });
});

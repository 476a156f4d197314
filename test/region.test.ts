import { CreateKeyCommand, KMS, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { installKmsFake, KmsFake } from 'kms-fake';

// test/support/env.ts leaves no AWS_REGION and no profile, so a client built without a region has none.
const arnRegion = (arn: string | undefined) => arn?.split(':')[3];

describe('a faked client built without a region', () => {
  it("lands in the fake's defaultRegion through attach, and the undo gives the client back its own (missing) region", async () => {
    const kms = new KmsFake({ defaultRegion: 'ap-southeast-2' });
    const client = new KMSClient({});
    const ownRegion = client.config.region;
    const detach = kms.attach(client);
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    expect(arnRegion(KeyMetadata?.Arn)).toBe('ap-southeast-2');
    expect(kms.calls()[0]?.region).toBe('ap-southeast-2');
    detach();
    expect(client.config.region).toBe(ownRegion);
    await expect(client.config.region()).rejects.toThrow('Region is missing');
  });

  it('lands in the defaultRegion through installKmsFake, for KMSClient and the aggregated KMS class', async () => {
    const kms = installKmsFake(KMSClient, { defaultRegion: 'eu-north-1' });
    try {
      const { KeyMetadata } = await new KMSClient({}).send(new CreateKeyCommand({}));
      expect(arnRegion(KeyMetadata?.Arn)).toBe('eu-north-1');
      const { Keys } = await new KMS({}).listKeys({});
      expect(Keys?.map((k) => arnRegion(k.KeyArn))).toEqual(['eu-north-1']);
    } finally {
      kms.restore();
    }
  });

  it('a client with a region keeps it', async () => {
    const kms = new KmsFake({ defaultRegion: 'eu-north-1' });
    const client = new KMSClient({ region: 'ca-central-1' });
    kms.attach(client);
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    expect(arnRegion(KeyMetadata?.Arn)).toBe('ca-central-1');
  });

  it('two fakes attached to one client: the newer one answers, with its default region, and undoing both in either order restores the client', async () => {
    const older = new KmsFake({ defaultRegion: 'eu-west-3' });
    const newer = new KmsFake({ defaultRegion: 'us-west-2' });
    const client = new KMSClient({});
    const ownRegion = client.config.region;
    const ownFips = client.config.useFipsEndpoint;
    const detachOlder = older.attach(client);
    const detachNewer = newer.attach(client);
    await client.send(new ListKeysCommand({}));
    expect(newer.calls()[0]?.region).toBe('us-west-2');
    detachOlder();
    await client.send(new ListKeysCommand({}));
    expect(newer.calls()[1]?.region).toBe('us-west-2');
    detachNewer();
    expect(client.config.region).toBe(ownRegion);
    expect(client.config.useFipsEndpoint).toBe(ownFips);
    expect(older.calls()).toHaveLength(0);

    // The other order: the newer fake goes first, and the older one answers again with its region.
    const undoOlder = older.attach(client);
    const undoNewer = newer.attach(client);
    undoNewer();
    await client.send(new ListKeysCommand({}));
    expect(older.calls()[0]?.region).toBe('eu-west-3');
    undoOlder();
    expect(client.config.region).toBe(ownRegion);
    expect(client.config.useFipsEndpoint).toBe(ownFips);
  });

  it('the bare plugin cannot reach the client config: the SDK reports the missing region, as documented', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({});
    client.middlewareStack.use(kms.plugin());
    await expect(client.send(new ListKeysCommand({}))).rejects.toThrow('Region is missing');
  });
});

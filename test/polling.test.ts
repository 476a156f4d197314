import { CreateKeyCommand, DescribeKeyCommand, ReplicateKeyCommand, type KeyState } from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { fakeClient } from './support/client';

/**
 * An application that polls DescribeKey until a new replica is Enabled, against a fake with
 * the default options (real-time clock, default transient delays): the loop ends by itself.
 */
describe('polling for the end of a transient state with the default delays', () => {
  const kms = new KmsFake();
  afterAll(() => kms.reset());

  it('sees Creating first, then Enabled, without settle() or advanceTime()', async () => {
    const primaryClient = fakeClient(kms, 'us-west-2');
    const replicaClient = fakeClient(kms, 'eu-west-1');
    const { KeyMetadata } = await primaryClient.send(new CreateKeyCommand({ MultiRegion: true }));
    const KeyId = KeyMetadata!.KeyId!;
    await primaryClient.send(new ReplicateKeyCommand({ KeyId, ReplicaRegion: 'eu-west-1' }));

    const seen: KeyState[] = [];
    // Bounded, so a fake that never ends the state fails the test instead of hanging it.
    for (let attempt = 0; attempt < 200; attempt++) {
      const state = (await replicaClient.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.KeyState!;
      seen.push(state);
      if (state === 'Enabled') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen[0]).toBe('Creating');
    expect(seen[seen.length - 1]).toBe('Enabled');
  });
});

import {
  DescribeKeyCommand,
  GenerateRandomCommand,
  ListAliasesCommand,
  ListKeysCommand,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { createHarness, type Harness } from './support/harness';
import { outputProblems } from './support/sdkModel';

/**
 * The property tests are only as good as their judge: each way a call can misbehave, provoked
 * here through the fake's own overrides, is reported. (A property that cannot fail is a defect.)
 */

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('judge-self-test', 300);
}, 60_000);
afterAll(() => harness.dispose());

const home = { region: 'us-east-1', input: {} } as const;
const notFound = () => new NotFoundException({ message: 'made up', $metadata: {} });

describe('the judge of a generated call', () => {
  it('passes a call that behaves', async () => {
    expect(await harness.judge('ListKeys', home)).toBeUndefined();
    expect(await harness.judge('DescribeKey', { region: 'us-east-1', input: { KeyId: 'alias/missing' } })).toBeUndefined();
  });

  it('reports a failed call that changed the fake (here, its clock)', async () => {
    const { kms } = harness.world;
    kms.on(DescribeKeyCommand).callsFakeOnce(() => {
      kms.advanceTime(1000);
      throw notFound();
    });
    expect(await harness.judge('DescribeKey', { region: 'us-east-1', input: { KeyId: 'alias/property-0' } })).toMatch(/^a failed call \(NotFoundException: made up\) changed the fake:\nbefore: .*clock 0/);
    kms.rollback(harness.world.start);
  });

  it('reports a failed call that drew entropy', async () => {
    const { kms, clients } = harness.world;
    kms.on(DescribeKeyCommand).callsFakeOnce(async () => {
      await clients['us-east-1'].send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
      throw notFound();
    });
    expect(await harness.judge('DescribeKey', { region: 'us-east-1', input: { KeyId: 'alias/property-0' } })).toBe('a failed call (NotFoundException: made up) drew entropy');
  });

  it('reports an exception the SDK does not model for the operation, and the fake\'s bug marker', async () => {
    harness.world.kms.on(ListKeysCommand).rejectsOnce('IncorrectKeyException').rejectsOnce('KMSInternalException');
    expect(await harness.judge('ListKeys', home)).toMatch(/^IncorrectKeyException is not modelled for ListKeys/);
    expect(await harness.judge('ListKeys', home)).toMatch(/^the fake's bug marker/);
  });

  it('reports an error that is no SDK exception once the request was made', async () => {
    harness.world.kms.on(ListKeysCommand).callsFakeOnce(() => {
      throw new TypeError('boom');
    });
    expect(await harness.judge('ListKeys', home)).toMatch(/^not an SDK exception: TypeError TypeError: boom/);
  });

  it('reports a call that never settles', async () => {
    harness.world.kms.on(ListAliasesCommand).callsFakeOnce(() => new Promise(() => undefined));
    expect(await harness.judge('ListAliases', home)).toBe('no answer within 300 ms');
  });

  it('reports an output that departs from the SDK\'s shape', async () => {
    harness.world.kms.on(ListKeysCommand).resolvesOnce({ Keys: [{ KeyId: 'k', KeyArn: 'a' }], Truncated: false });
    expect(await harness.judge('ListKeys', home)).toBeUndefined();
    expect(outputProblems('ListKeys', { Keys: [{ KeyId: 5 }], Truncated: 'no', Extra: 1, $metadata: {} })).toEqual([
      'ListKeys.Keys[0].KeyId: expected a string, got number',
      'ListKeys.Truncated: expected a boolean, got string',
      'ListKeys.Extra: not a member of ListKeysResponse',
    ]);
    expect(outputProblems('DescribeKey', { KeyMetadata: { KeyId: 'k', CreationDate: 'today', EncryptionAlgorithms: 'SYMMETRIC_DEFAULT' } })).toEqual([
      'DescribeKey.KeyMetadata.CreationDate: expected a valid Date, got string',
      'DescribeKey.KeyMetadata.EncryptionAlgorithms: expected a list, got string',
    ]);
    expect(outputProblems('Encrypt', { CiphertextBlob: 'text' })).toEqual(['Encrypt.CiphertextBlob: expected bytes, got string']);
    expect(outputProblems('DisableKey', { KeyId: 'k' })).toEqual(['DisableKey: expected no members, got object']);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CreateKeyCommand, DecryptCommand, DisableKeyCommand, EncryptCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { outcomeSpace } from '../../src/coverage/space';

const root = path.resolve(__dirname, '../..');
const ids = (operation: string) => outcomeSpace(operation).map((o) => o.id);

describe('the outcome space of an operation', () => {
  it("holds Decrypt's success, key-state cells, modelled exceptions and faults, in that order", () => {
    const space = outcomeSpace('Decrypt');
    expect(ids('Decrypt')).toEqual(
      expect.arrayContaining(['Success', 'DisabledException@Disabled', 'KMSInvalidStateException@PendingDeletion', 'IncorrectKeyException', 'ThrottlingException', 'KMSInternalException']),
    );
    const order = ['success', 'key-state', 'modelled', 'fault'];
    const sources = space.map((o) => order.indexOf(o.source));
    expect(sources).toEqual([...sources].sort((a, b) => a - b));
    expect(new Set(ids('Decrypt')).size).toBe(space.length);
    expect(space.find((o) => o.id === 'DisabledException@Disabled')).toEqual({ id: 'DisabledException@Disabled', source: 'key-state', exception: 'DisabledException', keyState: 'Disabled' });
  });

  it('has no key-state cells for an operation on no key', () => {
    expect(ids('ListKeys')).toEqual(['Success', 'DependencyTimeoutException', 'InvalidMarkerException', 'ThrottlingException', 'KMSInternalException']);
  });

  it('holds the exception the fake answers for a key in each state it fails in', async () => {
    const kms = new KmsFake();
    const client = new KMSClient({ region: 'eu-west-1' });
    kms.attach(client);
    const failureOf = async (prepare: (keyId: string) => Promise<unknown>): Promise<string> => {
      const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
      const keyId = KeyMetadata!.KeyId!;
      const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }));
      await prepare(keyId);
      return client.send(new DecryptCommand({ CiphertextBlob })).then(() => 'Success', (error: Error) => error.name);
    };
    const disabled = await failureOf((KeyId) => client.send(new DisableKeyCommand({ KeyId })));
    const pending = await failureOf((KeyId) => client.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 })));
    expect(ids('Decrypt')).toEqual(expect.arrayContaining([`${disabled}@Disabled`, `${pending}@PendingDeletion`]));
  });

  it("takes the modelled exceptions from the installed SDK (regenerating gives the committed file)", () => {
    const regenerated = execFileSync(process.execPath, ['scripts/generate-operation-errors.mjs', '--stdout'], { cwd: root, encoding: 'utf8' });
    expect(regenerated).toBe(readFileSync(path.join(root, 'src/coverage/data/operation-errors.json'), 'utf8'));
  });
});

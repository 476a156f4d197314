import {
  AlreadyExistsException,
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisabledException,
  EnableKeyCommand,
  EncryptCommand,
  KMSInvalidStateException,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { KmsFake } from 'kms-fake';
import { DAY_MS, fakeClient, setup } from '../support/client';

/**
 * Bursts of interleaved calls from many clients (separate KMSClient instances on one fake, some
 * in another region) fired together with Promise.all: each call's outcome is one AWS allows, and
 * the invariants users rely on hold afterwards (one alias per name, one grant per idempotent
 * request, every key listed once while others come and go).
 */

const START = new Date('2024-05-01T12:00:00.000Z');
const GRANTEE = 'arn:aws:iam::111122223333:role/app';
const CLIENTS = 12;

let kms: KmsFake;
let clients: KMSClient[];
let west: KMSClient[];
beforeEach(() => {
  let now = START.getTime();
  // A clock that moves a millisecond per reading, so creation dates differ as they do on AWS.
  ({ kms } = setup({ clock: () => now++ }));
  clients = Array.from({ length: CLIENTS }, () => fakeClient(kms));
  west = Array.from({ length: 4 }, () => fakeClient(kms, 'eu-west-1'));
});

const newKey = async (client: KMSClient) => (await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;

/** Every call's outcome, fulfilled or rejected, in the order the calls were made. */
const settled = (calls: Promise<unknown>[]) => Promise.allSettled(calls);

function rejectionsOf(results: PromiseSettledResult<unknown>[]): unknown[] {
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
}

async function allAliases(client: KMSClient): Promise<{ name: string; target: string | undefined }[]> {
  const { Aliases, Truncated } = await client.send(new ListAliasesCommand({ Limit: 100 }));
  expect(Truncated).toBe(false);
  return Aliases!.map((a) => ({ name: a.AliasName!, target: a.TargetKeyId }));
}

describe('CreateAlias and UpdateAlias races', () => {
  it('one CreateAlias of a name wins in each region; the rest get AlreadyExistsException and the alias names the winner', async () => {
    const keys = await Promise.all(clients.map(newKey));
    const westKeys = await Promise.all(west.map(newKey));
    const results = await settled([
      ...clients.map((c, i) => c.send(new CreateAliasCommand({ AliasName: 'alias/race', TargetKeyId: keys[i] }))),
      ...west.map((c, i) => c.send(new CreateAliasCommand({ AliasName: 'alias/race', TargetKeyId: westKeys[i] }))),
    ]);
    const east = results.slice(0, CLIENTS);
    const westResults = results.slice(CLIENTS);
    for (const [group, ids] of [[east, keys], [westResults, westKeys]] as const) {
      const winners = group.flatMap((r, i) => (r.status === 'fulfilled' ? [ids[i]] : []));
      expect(winners).toHaveLength(1);
      for (const error of rejectionsOf(group)) expect(error).toBeInstanceOf(AlreadyExistsException);
    }
    const eastWinner = keys[east.findIndex((r) => r.status === 'fulfilled')];
    const westWinner = westKeys[westResults.findIndex((r) => r.status === 'fulfilled')];
    expect(await allAliases(clients[0]!)).toEqual([{ name: 'alias/race', target: eastWinner }]);
    expect(await allAliases(west[0]!)).toEqual([{ name: 'alias/race', target: westWinner }]);
    const { KeyMetadata } = await clients[5]!.send(new DescribeKeyCommand({ KeyId: 'alias/race' }));
    expect(KeyMetadata!.KeyId).toBe(eastWinner);
  });

  it('UpdateAlias from every client, beside DescribeKey by the alias: every call succeeds, each read sees a key it was pointed at, and the alias stays once', async () => {
    const keys = await Promise.all(clients.map(newKey));
    await clients[0]!.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: keys[0] }));
    expect((await clients[0]!.send(new ListAliasesCommand({ KeyId: keys[0] }))).Aliases!.map((a) => a.AliasName)).toEqual(['alias/moving']);
    const reads: Promise<string>[] = [];
    const updates = clients.map((c, i) => {
      reads.push(c.send(new DescribeKeyCommand({ KeyId: 'alias/moving' })).then((out) => out.KeyMetadata!.KeyId!));
      return c.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: keys[(i + 1) % CLIENTS] }));
    });
    await Promise.all(updates);
    for (const seen of await Promise.all(reads)) expect(keys).toContain(seen);
    const aliases = await allAliases(clients[3]!);
    expect(aliases).toHaveLength(1);
    expect(keys).toContain(aliases[0]!.target);
    // ListAliases by each key: the alias is listed under exactly one of them, the one it names.
    const byKey = await Promise.all(keys.map((KeyId) => clients[0]!.send(new ListAliasesCommand({ KeyId }))));
    expect(byKey.map((out) => out.Aliases!.length)).toEqual(keys.map((k) => (k === aliases[0]!.target ? 1 : 0)));
  });
});

describe('CreateGrant races', () => {
  it('the same named CreateGrant from every client makes one grant: one GrantId, a token each', async () => {
    const keyId = await newKey(clients[0]!);
    const request = { KeyId: keyId, GranteePrincipal: GRANTEE, Operations: ['Encrypt' as const, 'Decrypt' as const], Name: 'shared' };
    const outs = await Promise.all(clients.map((c) => c.send(new CreateGrantCommand(request))));
    expect(new Set(outs.map((o) => o.GrantId)).size).toBe(1);
    expect(new Set(outs.map((o) => o.GrantToken)).size).toBe(CLIENTS);
    const { Grants } = await clients[1]!.send(new ListGrantsCommand({ KeyId: keyId }));
    expect(Grants!.map((g) => g.GrantId)).toEqual([outs[0]!.GrantId]);
  });

  it('distinct CreateGrants from every client are each listed exactly once, across pages', async () => {
    const keyId = await newKey(clients[0]!);
    const outs = await Promise.all(
      clients.flatMap((c, i) => [
        c.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: GRANTEE, Operations: ['Encrypt'], Name: `g${i}` })),
        c.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: GRANTEE, Operations: ['Decrypt'] })),
      ]),
    );
    const listed: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await clients[2]!.send(new ListGrantsCommand({ KeyId: keyId, Limit: 5, ...(Marker && { Marker }) }));
      listed.push(...page.Grants!.map((g) => g.GrantId!));
      Marker = page.NextMarker;
    } while (Marker);
    expect(listed.sort()).toEqual(outs.map((o) => o.GrantId!).sort());
    expect(new Set(listed).size).toBe(2 * CLIENTS);
  });
});

describe('ListKeys paging while other clients create and delete keys', () => {
  it('lists every key that exists throughout exactly once, with no duplicates and no marker errors', async () => {
    const stable = new Set(await Promise.all(Array.from({ length: 60 }, (_, i) => newKey(clients[i % CLIENTS]!))));
    const doomed = await Promise.all(Array.from({ length: 30 }, (_, i) => newKey(clients[i % CLIENTS]!)));
    const seen: string[] = [];
    let Marker: string | undefined;
    let step = 0;
    do {
      // Each page is fetched in the same burst as other clients' creates, schedulings and deletions.
      const churn = [
        newKey(clients[(step + 1) % CLIENTS]!),
        newKey(west[step % west.length]!),
        ...(doomed.length > 0 ? [clients[(step + 2) % CLIENTS]!.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.pop()!, PendingWindowInDays: 7 }))] : []),
      ];
      const [page] = await Promise.all([clients[0]!.send(new ListKeysCommand({ Limit: 4, ...(Marker && { Marker }) })), ...churn]);
      seen.push(...page.Keys!.map((k) => k.KeyId!));
      Marker = page.NextMarker;
      if (step % 3 === 2) kms.advanceTime(8 * DAY_MS); // the keys scheduled so far are deleted at the next call
      step++;
    } while (Marker);
    expect(seen.length).toBe(new Set(seen).size);
    for (const keyId of stable) expect(seen).toContain(keyId);
    // The burst really changed the listing: keys were deleted and created while it was paged.
    const { Keys } = await clients[0]!.send(new ListKeysCommand({ Limit: 1000 }));
    expect(Keys!.length).toBeGreaterThan(stable.size);
    expect(Keys!.length).toBeLessThan(stable.size + step + 30);
  });
});

describe('ListAliases paging while other clients create, retarget and delete aliases', () => {
  it('lists every alias that exists throughout exactly once, naming its key', async () => {
    const [keyA, keyB] = await Promise.all([newKey(clients[0]!), newKey(clients[1]!)]);
    const stable = Array.from({ length: 40 }, (_, i) => `alias/stable-${String(i).padStart(2, '0')}`);
    await Promise.all(stable.map((AliasName, i) => clients[i % CLIENTS]!.send(new CreateAliasCommand({ AliasName, TargetKeyId: keyA }))));
    const seen: string[] = [];
    let Marker: string | undefined;
    let step = 0;
    do {
      const churn = [
        clients[(step + 1) % CLIENTS]!.send(new CreateAliasCommand({ AliasName: `alias/churn-${step}`, TargetKeyId: keyB })),
        ...(step > 0 ? [clients[(step + 2) % CLIENTS]!.send(new DeleteAliasCommand({ AliasName: `alias/churn-${step - 1}` }))] : []),
        clients[(step + 3) % CLIENTS]!.send(new UpdateAliasCommand({ AliasName: stable[(step * 7) % stable.length], TargetKeyId: step % 2 ? keyA : keyB })),
      ];
      const [page] = await Promise.all([clients[0]!.send(new ListAliasesCommand({ Limit: 3, ...(Marker && { Marker }) })), ...churn]);
      seen.push(...page.Aliases!.map((a) => a.AliasName!));
      for (const alias of page.Aliases!) expect([keyA, keyB]).toContain(alias.TargetKeyId);
      Marker = page.NextMarker;
      step++;
    } while (Marker);
    expect(seen.length).toBe(new Set(seen).size);
    for (const name of stable) expect(seen).toContain(name);
    const byKey = await Promise.all([keyA, keyB].map((KeyId) => clients[0]!.send(new ListAliasesCommand({ KeyId }))));
    expect(byKey.flatMap((out) => out.Aliases!.map((a) => a.AliasName)).sort()).toEqual([...stable, `alias/churn-${step - 1}`].sort());
  });
});

describe('crypto storms on a key being disabled and enabled', () => {
  it('each Encrypt and Decrypt either succeeds correctly or gets DisabledException, and both happen', async () => {
    const keyId = await newKey(clients[0]!);
    const plaintext = new TextEncoder().encode('storm');
    const { CiphertextBlob } = await clients[0]!.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round++) {
      const calls = clients.flatMap((c, i) => {
        const toggle = i % 4 === 0 ? [c.send(new (round % 2 === 0 ? DisableKeyCommand : EnableKeyCommand)({ KeyId: keyId }))] : [];
        return [
          ...toggle,
          c.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext })).then(async (out) => {
            const back = await clients[0]!.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob! })).catch((e: unknown) => e);
            return back instanceof DisabledException ? 'encrypted' : 'encrypted+decrypted';
          }),
          c.send(new DecryptCommand({ CiphertextBlob })).then((out) => {
            expect(new TextDecoder().decode(out.Plaintext)).toBe('storm');
            return 'decrypted';
          }),
        ];
      });
      for (const result of await settled(calls)) {
        if (result.status === 'rejected') {
          expect(result.reason).toBeInstanceOf(DisabledException);
          outcomes.push('disabled');
        } else if (typeof result.value === 'string') {
          outcomes.push(result.value);
        }
      }
    }
    expect(outcomes).toContain('disabled');
    expect(outcomes).toContain('decrypted');
    await clients[0]!.send(new EnableKeyCommand({ KeyId: keyId }));
    const { Plaintext } = await clients[0]!.send(new DecryptCommand({ CiphertextBlob }));
    expect(new TextDecoder().decode(Plaintext)).toBe('storm');
  });
});

describe('ScheduleKeyDeletion and CancelKeyDeletion races', () => {
  it('successful schedulings and cancellations alternate, and the final state is the last one that succeeded', async () => {
    const keyId = await newKey(clients[0]!);
    // Client i sends a ScheduleKeyDeletion and a CancelKeyDeletion, in alternating order.
    const ordered = clients.flatMap((_, i) => (i % 2 === 0 ? ['schedule', 'cancel'] : ['cancel', 'schedule']));
    const calls = clients.flatMap((c, i) => {
      const schedule = () => c.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 + i }));
      const cancel = () => c.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
      return ordered[2 * i] === 'schedule' ? [schedule(), cancel()] : [cancel(), schedule()];
    });
    const results = await settled(calls);
    for (const error of rejectionsOf(results)) expect(error).toBeInstanceOf(KMSInvalidStateException);
    const scheduled = results.filter((r, i) => r.status === 'fulfilled' && ordered[i] === 'schedule').length;
    const cancelled = results.filter((r, i) => r.status === 'fulfilled' && ordered[i] === 'cancel').length;
    // From Enabled, each success flips the key between PendingDeletion and Disabled.
    expect(scheduled - cancelled).toBeGreaterThanOrEqual(0);
    expect(scheduled - cancelled).toBeLessThanOrEqual(1);
    expect(scheduled).toBeGreaterThan(1);
    const { KeyMetadata } = await clients[0]!.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(KeyMetadata!.KeyState).toBe(scheduled > cancelled ? 'PendingDeletion' : 'Disabled');
    expect(KeyMetadata!.DeletionDate !== undefined).toBe(scheduled > cancelled);
  });
});

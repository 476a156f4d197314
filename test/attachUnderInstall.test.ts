import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { installKmsFake, KmsFake } from 'kms-fake';

/**
 * A client the test gives a fake of its own keeps it under a class install (such as the one the
 * jest and vitest setup files make): the install fakes the clients nobody else did.
 */
const client = () => new KMSClient({ region: 'us-east-1', maxAttempts: 1 });

let classWide: KmsFake;
beforeEach(() => {
  classWide = installKmsFake(KMSClient, { override: true });
});
afterEach(() => classWide.restore());

it('kms.attach before the first send: the attached fake answers, and the install takes over once it is undone', async () => {
  const own = new KmsFake({ authorization: 'enforce', principal: 'arn:aws:iam::111122223333:role/app' });
  const app = client();
  const detach = own.attach(app);
  await expect(app.send(new CreateKeyCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  expect(own.calls()).toHaveLength(1);
  expect(classWide.calls()).toHaveLength(0);
  detach();
  await app.send(new CreateKeyCommand({}));
  expect(classWide.calls()).toHaveLength(1);
});

it('use(kms.plugin()) before the first send: that fake answers', async () => {
  const own = new KmsFake();
  const app = client();
  app.middlewareStack.use(own.plugin());
  await app.send(new CreateKeyCommand({}));
  expect([own.calls().length, classWide.calls().length]).toEqual([1, 0]);
});

it('kms.attach after the install already faked the client: the attached fake answers from then on', async () => {
  const app = client();
  await app.send(new ListKeysCommand({}));
  const own = new KmsFake();
  own.attach(app);
  await app.send(new CreateKeyCommand({}));
  expect([own.calls().length, classWide.calls().length]).toEqual([1, 1]);
});

it('a client nobody attached is the install\'s', async () => {
  await client().send(new CreateKeyCommand({}));
  expect(classWide.calls()).toHaveLength(1);
});

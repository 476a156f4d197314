// The compat smoke suite: plain node, run inside a scratch project that installed kms-fake (from
// `npm pack`) beside one @aws-sdk/client-kms version. Exits non-zero on the first failure.
'use strict';
const assert = require('node:assert/strict');
const net = require('node:net');

// No credentials, no profile, no instance metadata: whatever the fake needs must come from itself.
for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/kms-fake/credentials';
process.env.AWS_CONFIG_FILE = '/nonexistent/kms-fake/config';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The socket guard: any outbound connection is recorded and refused.
const connects = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guarded(...args) {
  connects.push(JSON.stringify(args[0]));
  this.destroy(new Error('kms-fake compat smoke: network access'));
  return this;
};

const sdk = require('@aws-sdk/client-kms');
const { KmsFake, installKmsFake, fastRetries, createKmsMatchers } = require('kms-fake');
const { KMSClient, CreateKeyCommand, EncryptCommand, DecryptCommand, DisableKeyCommand, ListKeysCommand } = sdk;

let credentialCalls = 0;
const credentials = () => {
  credentialCalls += 1;
  return Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
};

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check('round trip through kms.plugin()', async () => {
  const kms = new KmsFake();
  const client = new KMSClient({ region: 'eu-west-1', credentials });
  client.middlewareStack.use(kms.plugin());
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  assert.match(KeyMetadata.Arn, /^arn:aws:kms:eu-west-1:111122223333:key\//);
  const plaintext = new TextEncoder().encode('hello');
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata.KeyId, Plaintext: plaintext }));
  const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob }));
  assert.equal(new TextDecoder().decode(Plaintext), 'hello');
});

check("the SDK's own exception classes", async () => {
  const kms = new KmsFake();
  const client = new KMSClient({ region: 'eu-west-1', credentials });
  kms.attach(client);
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  await client.send(new DisableKeyCommand({ KeyId: KeyMetadata.KeyId }));
  const error = await client.send(new EncryptCommand({ KeyId: KeyMetadata.KeyId, Plaintext: new Uint8Array(1) })).catch((e) => e);
  assert.ok(error instanceof sdk.DisabledException, `expected DisabledException, got ${error && error.name}`);
  assert.ok(error instanceof sdk.KMSServiceException);
  assert.equal(error.$metadata.httpStatusCode, 400);
});

check('installKmsFake on a client built without a region', async () => {
  const kms = installKmsFake(KMSClient, { defaultRegion: 'ap-south-1' });
  try {
    const bare = new KMSClient({ credentials });
    const { KeyMetadata } = await bare.send(new CreateKeyCommand({}));
    assert.match(KeyMetadata.Arn, /^arn:aws:kms:ap-south-1:/);
    const regional = new KMSClient({ region: 'sa-east-1', credentials });
    const other = await regional.send(new CreateKeyCommand({}));
    assert.match(other.KeyMetadata.Arn, /^arn:aws:kms:sa-east-1:/);
    assert.equal(kms.calls().length, 2);
  } finally {
    kms.restore();
  }
});

check("a client with neither credentials nor region: the SDK's default chain is never asked", async () => {
  const kms = installKmsFake(KMSClient);
  try {
    const { Keys } = await new KMSClient({}).send(new ListKeysCommand({}));
    assert.deepEqual(Keys, []);
  } finally {
    kms.restore();
  }
});

check("attach and its undo leave the client's stack as it was", async () => {
  let handled = 0;
  const requestHandler = {
    handle: () => {
      handled += 1;
      return Promise.resolve({ response: { statusCode: 200, headers: { 'x-amzn-requestid': 'real' }, body: new TextEncoder().encode('{"Keys":[]}') } });
    },
  };
  const client = new KMSClient({ region: 'eu-west-1', credentials, requestHandler });
  const before = client.middlewareStack.identify();
  const kms = new KmsFake();
  const detach = kms.attach(client);
  await client.send(new CreateKeyCommand({}));
  assert.equal(handled, 0);
  detach();
  assert.deepEqual(client.middlewareStack.identify(), before);
  const credentialsBefore = credentialCalls;
  const { $metadata } = await client.send(new ListKeysCommand({}));
  assert.equal($metadata.requestId, 'real');
  assert.equal(handled, 1);
  assert.ok(credentialCalls > credentialsBefore, 'the real signer asks for credentials again once detached');
  credentialCalls = credentialsBefore;
});

check('fastRetries with injected throttling', async () => {
  const kms = new KmsFake();
  const client = new KMSClient({ region: 'eu-west-1', credentials, ...fastRetries(3) });
  kms.attach(client);
  kms.injectFault({ error: 'ThrottlingException', times: 2 });
  const { $metadata } = await client.send(new ListKeysCommand({}));
  assert.equal($metadata.attempts, 3);
  kms.injectFault({ error: 'ThrottlingException', times: 3 });
  const error = await client.send(new ListKeysCommand({})).catch((e) => e);
  assert.equal(error.name, 'ThrottlingException');
  assert.equal(error.$metadata.attempts, 3);
});

check('kms-fake/client-mock: a stubbed command answers the stub, the others the fake', async () => {
  const { mockClient } = require('kms-fake/client-mock');
  const kmsMock = mockClient(KMSClient);
  try {
    kmsMock.on(DisableKeyCommand).rejects('stubbed').on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'stubbed' }] });
    const client = new KMSClient({ credentials });
    const { Keys } = await client.send(new ListKeysCommand({}));
    assert.deepEqual(Keys, [{ KeyId: 'stubbed' }]);
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    assert.equal(KeyMetadata.KeyState, 'Enabled');
    await assert.rejects(client.send(new DisableKeyCommand({ KeyId: KeyMetadata.KeyId })), /stubbed/);
    assert.equal(kmsMock.commandCalls(ListKeysCommand).length, 1);
    assert.equal(kmsMock.send.callCount, 3);
  } finally {
    kmsMock.restore();
  }
});

check('matchers', async () => {
  const kms = new KmsFake();
  const client = new KMSClient({ region: 'eu-west-1', credentials });
  kms.attach(client);
  await client.send(new ListKeysCommand({}));
  const matchers = createKmsMatchers((expected) => expected);
  const context = { isNot: false, equals: (a, b) => assert.deepEqual(a, b) === undefined };
  assert.equal(matchers.toHaveReceivedCommand.call(context, kms, ListKeysCommand).pass, true);
  assert.equal(matchers.toHaveReceivedCommand.call(context, kms, EncryptCommand).pass, false);
});

(async () => {
  let failed = 0;
  for (const { name, fn } of checks) {
    try {
      await fn();
      console.log(`ok   ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}\n     ${String(error && error.stack).split('\n').slice(0, 6).join('\n     ')}`);
    }
  }
  try {
    assert.equal(credentialCalls, 0, 'a faked client asked for credentials');
    assert.deepEqual(connects, [], 'a faked client opened a connection');
    console.log('ok   no credentials, no network');
  } catch (error) {
    failed += 1;
    console.log(`FAIL no credentials, no network: ${error.message}`);
  }
  net.Socket.prototype.connect = connect;
  console.log(`sdk ${require('@aws-sdk/client-kms/package.json').version}, node ${process.version}: ${failed ? `${failed} failed` : 'all passed'}`);
  process.exitCode = failed ? 1 : 0;
})();

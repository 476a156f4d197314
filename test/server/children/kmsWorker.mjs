// A separate process using the fake over HTTP, as an application would: its own KMSClient,
// pointed at the server, with a keep-alive agent. Started by multiProcess.test.ts with
// `fork(file, [endpoint, name])`; it reports through the IPC channel.
//
// Messages in:  { type: 'decrypt', ciphertext } → answers { type: 'decrypted', plaintext }
//               { type: 'exit' }                → closes its sockets and exits
// Message out on start: { type: 'done', keyId, ciphertext, plaintext, roundTrips, mismatches, connections, maxSockets }
import { Agent } from 'node:http';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const [endpoint, name] = process.argv.slice(2);
const ROUND_TRIPS = 50;

const MAX_SOCKETS = 8;
const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
// Counted so the parent can see the round trips shared a few kept-alive connections.
let connections = 0;
const createConnection = agent.createConnection.bind(agent);
agent.createConnection = (...args) => {
  connections++;
  return createConnection(...args);
};
const client = new KMSClient({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
  requestHandler: new NodeHttpHandler({ httpAgent: agent }),
});
const bytes = (text) => new TextEncoder().encode(text);
const text = (data) => new TextDecoder().decode(data);
const base64 = (data) => Buffer.from(data).toString('base64');

async function roundTrip(keyId, i) {
  const plaintext = `${name} message ${i}`;
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes(plaintext) }));
  const { Plaintext, KeyId } = await client.send(new DecryptCommand({ CiphertextBlob }));
  return { plaintext, ciphertext: CiphertextBlob, ok: text(Plaintext) === plaintext && KeyId.endsWith(keyId) };
}

async function work() {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: `made by ${name}` }));
  const keyId = KeyMetadata.KeyId;
  // All round trips in flight at once: the server must take concurrent requests on kept-alive sockets.
  const results = await Promise.all(Array.from({ length: ROUND_TRIPS }, (_, i) => roundTrip(keyId, i)));
  process.send({
    type: 'done',
    keyId,
    ciphertext: base64(results[0].ciphertext),
    plaintext: results[0].plaintext,
    roundTrips: results.length,
    mismatches: results.filter((r) => !r.ok).length,
    connections,
    maxSockets: MAX_SOCKETS,
  });
}

process.on('message', (message) => {
  if (message.type === 'exit') {
    client.destroy();
    agent.destroy();
    process.disconnect();
    return;
  }
  if (message.type === 'decrypt') {
    client
      .send(new DecryptCommand({ CiphertextBlob: Buffer.from(message.ciphertext, 'base64') }))
      .then(({ Plaintext }) => process.send({ type: 'decrypted', plaintext: text(Plaintext) }))
      .catch((error) => process.send({ type: 'failed', error: `${error.name}: ${error.message}` }));
  }
});

work().catch((error) => {
  process.send({ type: 'failed', error: `${error.name}: ${error.message}` });
});

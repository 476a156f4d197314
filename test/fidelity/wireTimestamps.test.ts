import { CreateKeyCommand, DescribeKeyCommand, GetParametersForImportCommand, ImportKeyMaterialCommand, type ImportKeyMaterialCommandInput, type KMSClient } from '@aws-sdk/client-kms';
import { setup } from '../support/client';
import { expectKmsError } from '../support/errors';
import { wrap } from '../support/importMaterial';

/**
 * A timestamp member whose epoch seconds name no date (past JavaScript's ±8.64e15 ms, which the
 * SDK's own Date cannot carry, but any HTTP client can send) is refused as a value the service
 * cannot read, and nothing is stored. Before, ImportKeyMaterial accepted it: the key became
 * Enabled with expiring material and no ValidTo (found by the property tests in test/property).
 */

const NOW = Date.UTC(2026, 0, 1);
/** The command's own input is replaced by the raw body, so it carries nothing. */
const REPLACED = {} as ImportKeyMaterialCommandInput;

/** Sends the next command with this JSON body in place of the serializer's, as a raw HTTP client would. */
function withRawBody(client: KMSClient) {
  let next: string | undefined;
  client.middlewareStack.add(
    (handler) => (args) => {
      if (next !== undefined) (args.request as { body: unknown }).body = next;
      next = undefined;
      return handler(args);
    },
    { step: 'build', name: 'rawBodyForTest' },
  );
  return (body: object) => (next = JSON.stringify(body));
}

async function importBody(client: KMSClient, validTo: number) {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
  const keyId = KeyMetadata!.KeyId!;
  const params = await client.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    keyId,
    body: {
      KeyId: keyId,
      ImportToken: base64(params.ImportToken!),
      EncryptedKeyMaterial: base64(wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', new Uint8Array(32).fill(1))),
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: validTo,
    },
  };
}

describe('ImportKeyMaterial ValidTo on the wire', () => {
  it.each([1e308, -1e308, 8.64e12 + 1, -8.64e12 - 1])('%p epoch seconds is a SerializationException, and the key stays PendingImport', async (validTo) => {
    const { kms, client } = setup({ clock: () => NOW });
    const sendRaw = withRawBody(client);
    const { keyId, body } = await importBody(client, validTo);
    const before = kms.snapshot();
    sendRaw(body);
    await expectKmsError(client.send(new ImportKeyMaterialCommand(REPLACED)), 'SerializationException', "Timestamp value at 'validTo' is not a valid date");
    expect(kms.snapshot()).toEqual(before);
    expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('PendingImport');
  });

  it('a date within range and the limits is still imported', async () => {
    const { client } = setup({ clock: () => NOW });
    const sendRaw = withRawBody(client);
    const validTo = NOW / 1000 + 86_400;
    const { keyId, body } = await importBody(client, validTo);
    sendRaw(body);
    await client.send(new ImportKeyMaterialCommand(REPLACED));
    expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.ValidTo).toEqual(new Date(validTo * 1000));
  });
});

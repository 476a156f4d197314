import * as Sdk from '@aws-sdk/client-kms';
import { KMSClient } from '@aws-sdk/client-kms';
import { types } from 'node:util';
import { IMPLEMENTED_OPERATIONS, operationNamed } from '../../src/backend/operations';
import type { InputShape, Shape } from '../../src/backend/shapes';

/**
 * Which input members are sensitive is the SDK model's fact. The SDK hands every command's own
 * log filter to the middleware stack (`context.inputFilterSensitiveLog`: the generated
 * `<Shape>FilterSensitiveLog` functions in older SDKs, the schema's `sensitive` trait in newer
 * ones); it replaces a sensitive value with SENSITIVE_STRING. Run on an input that has every
 * member (a proxy answering any member name with another such input, so nested structures are
 * filled too), it names every sensitive member, and the fake's `sensitive` marks must name the same.
 */
const SENSITIVE_STRING = '***SensitiveInformation***';
const STOP = new Error('stop: the filter has run');

/** An input with every member: each member read is recorded and answered with another full input. */
function everyMember(): object {
  return new Proxy(
    {},
    {
      get: (_target, name) => (typeof name === 'string' && name !== 'then' && name !== 'toJSON' ? everyMember() : undefined),
      ownKeys: () => [],
    },
  );
}

/** The paths (`A.B`) the filter replaced with SENSITIVE_STRING. */
function replacedPaths(filtered: unknown, path: string[] = []): string[] {
  if (filtered === SENSITIVE_STRING) return [path.join('.')];
  if (filtered === null || typeof filtered !== 'object' || types.isProxy(filtered)) return [];
  return Object.entries(filtered).flatMap(([name, value]) => replacedPaths(value, [...path, name]));
}

/** Runs the SDK's own input filter of one command on an input with every member. */
async function sdkSensitivePaths(operation: string): Promise<string[]> {
  const client = new KMSClient({ region: 'us-east-1' });
  let filtered: unknown;
  client.middlewareStack.add(
    (_next, context) => (args) => {
      const filter = (context as { inputFilterSensitiveLog?: (input: unknown) => unknown }).inputFilterSensitiveLog;
      if (!filter) throw new Error(`the SDK gave ${operation} no input filter`);
      filtered = filter(args.input);
      // A rejection, not a throw: a synchronous throw would escape `send` before it returns a promise.
      return Promise.reject(STOP);
    },
    { step: 'initialize', priority: 'high', name: 'captureSensitiveFilter' },
  );
  const Command = (Sdk as unknown as Record<string, new (input: object) => Sdk.ListKeysCommand>)[`${operation}Command`]!;
  await expect(client.send(new Command(everyMember()))).rejects.toBe(STOP);
  return replacedPaths(filtered).sort();
}

/** The paths the fake's input shape marks `sensitive`, into nested structures. */
function markedPaths(shape: InputShape | Readonly<Record<string, Shape>>, path: string[] = []): string[] {
  return Object.entries(shape).flatMap(([name, member]) => {
    const at = [...path, name];
    if (member.sensitive) return [at.join('.')];
    return member.type === 'structure' ? markedPaths(member.members, at) : [];
  });
}

describe('sensitive marks on input shapes, derived from the SDK model at test time', () => {
  it.each(IMPLEMENTED_OPERATIONS.map((name) => [name]))('%s marks exactly the members the SDK filters', async (operation) => {
    const sdk = await sdkSensitivePaths(operation);
    const fake = markedPaths(operationNamed(operation)!.input).sort();
    expect({ operation, sensitive: fake }).toEqual({ operation, sensitive: sdk });
  });

  it('finds the members the issue names, so the comparison above is not vacuous', async () => {
    expect(await sdkSensitivePaths('CreateCustomKeyStore')).toEqual([
      'KeyStorePassword',
      'XksProxyAuthenticationCredential.AccessKeyId',
      'XksProxyAuthenticationCredential.RawSecretAccessKey',
    ]);
    expect(await sdkSensitivePaths('Encrypt')).toEqual(['Plaintext']);
  });
});

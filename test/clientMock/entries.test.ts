// The built client-mock entries, loaded by name through the exports map as an application does
// (`npm run build` first; `npm test` builds before jest).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' } }).trim();

// A stubbed GenerateRandom, then an unstubbed CreateKey answered by the fake, then restore.
const scenario = `
  const m = mockClient(KMSClient);
  m.on(GenerateRandomCommand).resolves({ Plaintext: new Uint8Array([42]) });
  const c = new KMSClient({ region: 'eu-west-1' });
  const random = (await c.send(new GenerateRandomCommand({}))).Plaintext[0];
  const arn = (await c.send(new CreateKeyCommand({}))).KeyMetadata.Arn;
  m.restore();
  console.log(random, arn.startsWith('arn:aws:kms:eu-west-1:111122223333:key/'), m.kmsFake.calls().length);
`;

describe('the client-mock entries', () => {
  it('require("kms-fake/client-mock") stubs and answers the rest from the fake', () => {
    const script = `const { mockClient } = require('kms-fake/client-mock');
      const { CreateKeyCommand, GenerateRandomCommand, KMSClient } = require('@aws-sdk/client-kms');
      (async () => { ${scenario} })();`;
    expect(node(['-e', script])).toBe('42 true 1');
  });

  it('import "kms-fake/client-mock" does the same, with aws-sdk-client-mock\'s own AwsStub', () => {
    const script = `import { mockClient, AwsStub } from 'kms-fake/client-mock';
      import * as original from 'aws-sdk-client-mock';
      import { CreateKeyCommand, GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
      if (AwsStub !== original.AwsStub || !(mockClient(KMSClient) instanceof original.AwsStub)) throw new Error('not the same AwsStub');
      ${scenario}`;
    expect(node(['--input-type=module', '-e', script])).toBe('42 true 1');
  });

  it('import acm from "kms-fake/client-mock" has the members of aws-sdk-client-mock\'s default import', () => {
    const script = `import acm from 'kms-fake/client-mock';
      import original from 'aws-sdk-client-mock';
      import { mockClient } from 'kms-fake/client-mock';
      import { CreateKeyCommand, GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
      console.log(JSON.stringify(Object.keys(acm).sort()) === JSON.stringify(Object.keys(original).sort()),
        acm.AwsStub === original.AwsStub, acm.CommandBehavior === original.CommandBehavior, acm.mockClient === mockClient);
      const m = acm.mockClient(KMSClient);
      ${scenario}`.replace('const m = mockClient(KMSClient);', '');
    expect(node(['--input-type=module', '-e', script])).toBe('true true true true\n42 true 1');
  });

  it('require("kms-fake") loads neither aws-sdk-client-mock nor sinon', () => {
    const script = `require('kms-fake');
      console.log(Object.keys(require.cache).filter((p) => /node_modules[\\\\/](sinon|aws-sdk-client-mock)/.test(p)).length);`;
    expect(node(['-e', script])).toBe('0');
  });
});

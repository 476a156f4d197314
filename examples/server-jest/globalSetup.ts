import { join } from 'node:path';
import { KmsFake, type KmsFakeServer } from 'kms-fake';

/** One fake for the run, holding the fixture's keys, served on a free port. */
export default async function globalSetup(): Promise<void> {
  const kms = KmsFake.fromFixture(join(__dirname, 'fixtures', 'kms.json'), { defaultRegion: 'eu-west-1' });
  const server = await kms.listen({ port: 0 });
  // Workers start after globalSetup and inherit its environment.
  process.env.KMS_ENDPOINT = server.endpoint;
  (globalThis as { kmsFakeServer?: KmsFakeServer }).kmsFakeServer = server;
}

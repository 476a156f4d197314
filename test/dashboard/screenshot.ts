// Makes docs/images/dashboard.png: the dashboard of a fake with realistic state, in headless
// Chromium. Run with `npm run docs:screenshots`; it needs no network.
import '../support/env';
import {
  DecryptCommand,
  DescribeKeyCommand,
  GenerateDataKeyCommand,
  KMSClient,
  SignCommand,
} from '@aws-sdk/client-kms';
import { KmsFake } from 'kms-fake';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isBrowser, launchBrowser } from '../support/browser';
import { buildScene } from './scene';

const OUT = join(__dirname, '..', '..', 'docs', 'images', 'dashboard.png');

async function main(): Promise<void> {
  const kms = new KmsFake();
  const server = await kms.listen({
    principals: { AKIDORDERSEXAMPLE: 'arn:aws:iam::111122223333:role/orders-service', AKIDREPORTSEXAMPLE: 'arn:aws:iam::111122223333:role/reporting' },
  });
  const client = (region: string, accessKeyId: string) =>
    new KMSClient({ region, endpoint: server.endpoint, maxAttempts: 1, credentials: { accessKeyId, secretAccessKey: 'x' } });
  const east = client('us-east-1', 'AKIDORDERSEXAMPLE');
  const west = client('eu-west-1', 'AKIDREPORTSEXAMPLE');
  const browser = await launchBrowser();
  try {
    if (!isBrowser(browser)) throw new Error(browser.unavailable);
    const scene = await buildScene(kms, east, west);
    const dataKey = await east.send(new GenerateDataKeyCommand({ KeyId: 'alias/orders', KeySpec: 'AES_256' }));
    await east.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    await west.send(new SignCommand({ KeyId: scene.signer, Message: new TextEncoder().encode('{"event":"paid"}'), SigningAlgorithm: 'ECDSA_SHA_256' }));
    await west.send(new DescribeKeyCommand({ KeyId: 'alias/payments' }));
    await west.send(new DescribeKeyCommand({ KeyId: 'alias/reports' })).catch(() => undefined);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.endpoint);
    await page.locator(`#calls tbody tr:nth-child(${kms.calls().length})`).waitFor();
    mkdirSync(join(OUT, '..'), { recursive: true });
    await page.screenshot({ path: OUT, fullPage: true });
    process.stdout.write(`wrote ${OUT}\n`);
  } finally {
    if (isBrowser(browser)) await browser.close();
    east.destroy();
    west.destroy();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

import type { KmsFakeServer } from 'kms-fake';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { kmsFakeServer?: KmsFakeServer }).kmsFakeServer?.close();
}

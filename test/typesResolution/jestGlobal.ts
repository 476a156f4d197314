// Types an adopter gets from `kms-fake/jest` with @types/jest's global `expect` (scripts/check-type-resolution.mjs).
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { installKmsFake, KmsFake, type KmsFakeMatchers, type KmsFakeSnapshot } from 'kms-fake';
import { kmsFake, kmsFakeSettings } from 'kms-fake/jest';

kmsFakeSettings.resetBeforeEach = true;
const saved: KmsFakeSnapshot = kmsFake.snapshot();
kmsFake.rollback(saved);
expect(kmsFake).toHaveReceivedCommand(EncryptCommand);
expect(kmsFake).not.toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
expect(kmsFake).toHaveReceivedNthCommandWith(1, EncryptCommand, { KeyId: expect.any(String) });
// @ts-expect-error the matcher takes no input
expect(kmsFake).not.toHaveReceivedCommand(EncryptCommand, { KeyId: 'x' });
// @ts-expect-error restore takes no snapshot: that is rollback
kmsFake.restore(saved);
const own: KmsFake = installKmsFake(KMSClient, { override: true, seed: 1 });
own.restore();
// The matchers declared on jest.Matchers are exactly KmsFakeMatchers (declared twice, kept equal here).
const declared: KmsFakeMatchers<void> = expect(kmsFake);
void declared;

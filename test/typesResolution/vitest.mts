// Types an adopter gets from `kms-fake/vitest` with vitest's `expect`.
import { EncryptCommand } from '@aws-sdk/client-kms';
import { expect } from 'vitest';
import type { KmsFakeMatchers } from 'kms-fake';
import { kmsFake, kmsFakeSettings } from 'kms-fake/vitest';

kmsFakeSettings.resetBeforeEach = false;
expect(kmsFake).toHaveReceivedCommandWith(EncryptCommand, { KeyId: 'alias/app' });
expect(kmsFake).not.toHaveReceivedAnyCommand();
// @ts-expect-error the matcher takes no input
expect(kmsFake).toHaveReceivedCommandOnce(EncryptCommand, { KeyId: 'x' });
// The matchers declared on vitest's Assertion are KmsFakeMatchers (declared twice, kept equal here).
const declared: KmsFakeMatchers<unknown> = expect(kmsFake);
void declared;

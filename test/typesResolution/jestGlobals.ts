// Types an adopter gets from `kms-fake/jest` with `injectGlobals: false` and @jest/globals' `expect`.
import { EncryptCommand } from '@aws-sdk/client-kms';
import { expect } from '@jest/globals';
import type { KmsFakeMatchers } from 'kms-fake';
import { kmsFake } from 'kms-fake/jest';

expect(kmsFake).toHaveReceivedCommandTimes(EncryptCommand, 1);
expect(kmsFake).not.toHaveReceivedAnyCommand();
// @ts-expect-error the count is a number
expect(kmsFake).toHaveReceivedCommandTimes(EncryptCommand, '1');
// The matchers declared on the expect package's Matchers are KmsFakeMatchers (declared twice, kept equal here).
const declared: KmsFakeMatchers<void> = expect(kmsFake);
void declared;

// Types an adopter gets from `kms-fake/jest` with `injectGlobals: false` and @jest/globals' `expect`.
import { EncryptCommand } from '@aws-sdk/client-kms';
import { expect } from '@jest/globals';
import { kmsFake } from 'kms-fake/jest';

expect(kmsFake).toHaveReceivedCommandTimes(EncryptCommand, 1);
expect(kmsFake).not.toHaveReceivedAnyCommand();
// @ts-expect-error the count is a number
expect(kmsFake).toHaveReceivedCommandTimes(EncryptCommand, '1');

// The node:test recipe: import this module at the top of every test file that uses KMS. Its
// hooks are the file's root hooks, so each test starts from the state the file's `before` hooks
// left, and the class is restored when the file ends (node --test runs each file in its own process).
import { after, afterEach, beforeEach } from 'node:test';
import { KMSClient } from '@aws-sdk/client-kms';
import { setUpKmsFake } from 'kms-fake';

// A faked client needs no credentials, profile files or EC2 metadata; these make a mistake fail fast.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[name];

export const { kmsFake, settings: kmsFakeSettings } = setUpKmsFake({ beforeEach, afterEach, afterAll: after }, KMSClient);

// The mocha recipe: import this module from the test files that use KMS. It registers root hooks
// (mocha runs every file in one root suite), so each test starts from the state the root and its
// suites' `before` hooks left; the class is restored when the run ends.
import { KMSClient } from '@aws-sdk/client-kms';
import { setUpKmsFake } from 'kms-fake';

// A faked client needs no credentials, profile files or EC2 metadata; these make a mistake fail fast.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[name];

// mocha's hooks are globals while it loads the test files.
export const { kmsFake, settings: kmsFakeSettings } = setUpKmsFake({ beforeEach, afterEach, afterAll: after }, KMSClient);

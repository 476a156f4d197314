// Imported first by kms-fake/client-mock: without aws-sdk-client-mock installed, the entry fails
// here with a usage error saying what to install, not later with a bare MODULE_NOT_FOUND.
import { requirePeer } from './peer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
requirePeer('kms-fake/client-mock', 'aws-sdk-client-mock', (peer) => require(peer));

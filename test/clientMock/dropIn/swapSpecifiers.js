// A jest resolver for the drop-in run: in the test files of this folder (and only there, so that
// kms-fake's own entries still reach the real packages), 'aws-sdk-client-mock' means
// 'kms-fake/client-mock' and 'aws-sdk-client-mock-jest' means 'kms-fake/client-mock-jest'. The
// root config maps those to src/, as jest.config.js's moduleNameMapper does for 'kms-fake'.
const path = require('node:path');

const src = path.join(__dirname, '../../../src');
const swaps = {
  'aws-sdk-client-mock': path.join(src, 'clientMock/index.ts'),
  'aws-sdk-client-mock-jest': path.join(src, 'clientMockJest/index.ts'),
};

module.exports = (request, options) =>
  options.basedir === __dirname && swaps[request] ? swaps[request] : options.defaultResolver(request, options);

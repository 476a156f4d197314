// The outcomes this application's tests must try, for both runners' reporters. With
// COVERAGE_APP_THRESHOLDS=strict, thresholds the suite does not meet: no test decrypts with a key
// pending deletion (only the test itself does), and nothing calls GenerateDataKey.
module.exports =
  process.env.COVERAGE_APP_THRESHOLDS === 'strict'
    ? { Decrypt: ['KMSInvalidStateException@PendingDeletion'], GenerateDataKey: ['Success'] }
    : { Decrypt: ['DisabledException', 'KMSInvalidStateException'], Sign: ['ThrottlingException'] };

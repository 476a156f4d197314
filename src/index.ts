// The fake
export { KmsFake } from './kmsFake';
export { installKmsFake } from './installKmsFake';
/** What kms-fake throws when it is misused (never a KMS answer): catch it to tell a test's mistake from a service error. */
export { KmsFakeUsageError } from './errors';
export type { InstallKmsFakeOptions } from './installKmsFake';
export type { KmsFakeOptions, KmsFakePluginOptions, KmsFakeSnapshot, KmsFakeTransientDelays, HasMiddlewareStack } from './kmsFake';
// Access control (docs/access-control.md): who calls, policies, and why a call is allowed or denied.
export type { KmsAccessExplanation, KmsFakeAccessOptions, KmsFakeAttachOptions, KmsPolicyDocument, KmsPolicyStatement } from './kmsFake';
export type { AuthorizationMode } from './backend/access/settings';
export type { TimeSource } from './backend/clock';

// The server (docs/server.md): the fake over HTTP, for other processes
export type { KmsFakeServer, KmsFakeServerOptions } from './server/listen';
export type { DashboardAccess } from './server/router';

// Fixtures
export type { Fixture, FixtureKey } from './backend/fixtures';

// Call history, overrides and faults
export type { CommandClass, ErrorLike, KmsCall } from './calls';
export type { OverrideStub } from './overrideStub';
export type { FaultHandle, FaultOptions } from './faults';
export { fastRetries } from './retries';
export type { SdkRetryStrategy, RetryingStrategy, TokenRetryStrategy } from './retries';

// Matchers, for custom test setups (the jest and vitest entries register them)
export { createKmsMatchers } from './testing/matchers';
export type { KmsFakeMatchers } from './testing/matchers';
export { setUpKmsFake } from './testing/lifecycle';
export type { KmsFakeTestSettings, TestFramework } from './testing/lifecycle';

// The KMS outcome coverage report (its reporters: kms-fake/reporter, kms-fake/vitest-reporter)
export type { KmsCoverageReporterOptions } from './coverage/run';
export type { KmsCoverageThresholds } from './coverage/thresholds';
export type { RunningTest } from './coverage/record';
export type * from './coverage/schema';

// Where the plugin sits, for users who inspect or compose stacks themselves (the plugin itself: kms.plugin())
export { kmsFakeMiddlewareOptions } from './plugin/kmsFakeMiddleware';
export type { RegionProvider } from './plugin/kmsFakeMiddleware';
export type { EntryOptions, KmsFakePlugin, MiddlewareStackLike, RelativeEntryOptions } from './plugin/stack';
export type { ClientClass } from './plugin/install';

// What the fake implements
export { IMPLEMENTED_OPERATIONS } from './backend/operations';

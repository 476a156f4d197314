export { partitionOf, scopeOf, type Scope } from '../backend/store';

/**
 * `kms.<region>.amazonaws.com`, `kms-fips.<region>.amazonaws.com`, `kms.<region>.amazonaws.com.cn`,
 * `kms.<region>.api.aws`: the endpoints the SDK's rule set resolves to.
 */
const kmsHost = /^kms(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws|on\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

/** The region a request is addressed to, read from the resolved endpoint's host name. */
export function regionFromHost(hostname: string): string | undefined {
  return kmsHost.exec(hostname)?.[1];
}


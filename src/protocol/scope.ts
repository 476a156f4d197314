export type { Scope } from '../backend/store';

/**
 * `kms.<region>.amazonaws.com`, `kms-fips.<region>.amazonaws.com`, `kms.<region>.amazonaws.com.cn`,
 * `kms.<region>.api.aws`: the endpoints the SDK's rule set resolves to.
 */
const kmsHost = /^kms(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws|on\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

/** The region a request is addressed to, read from the resolved endpoint's host name. */
export function regionFromHost(hostname: string): string | undefined {
  return kmsHost.exec(hostname)?.[1];
}

/** ARN partition of a region, as the SDK's partition table groups them. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

import { keyPolicy } from '../errors';
import { rootPrincipal, type RegionState, type Scope } from './store';

/**
 * The key policy KMS attaches when CreateKey gives none (API Reference: GetKeyPolicy example),
 * in KMS's own layout: the account root may do everything. Made once per region and shared by
 * its keys (a copy per key would be a quarter of a key's memory).
 */
export function defaultKeyPolicy(region: RegionState): string {
  return (region.defaultPolicy ??= policyFor(region.scope));
}

function policyFor(scope: Scope): string {
  return [
    '{',
    '  "Version" : "2012-10-17",',
    '  "Id" : "key-default-1",',
    '  "Statement" : [ {',
    '    "Sid" : "Enable IAM User Permissions",',
    '    "Effect" : "Allow",',
    '    "Principal" : {',
    `      "AWS" : "${rootPrincipal(scope)}"`,
    '    },',
    '    "Action" : "kms:*",',
    '    "Resource" : "*"',
    '  } ]',
    '}',
  ].join('\n');
}

/**
 * A key policy must be a JSON policy document with statements. The fake checks its form only;
 * it does not evaluate policies (no authorization is modelled).
 */
export function parsePolicy(policy: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw keyPolicy.notJson();
  }
  const statement = (doc as { Statement?: unknown } | null)?.Statement;
  if (typeof doc !== 'object' || doc === null || statement === undefined) throw keyPolicy.noStatement();
}

import type { PrincipalElement } from './policyDocument';

/**
 * Principals: the caller's ARN and the principal element of a key policy statement (IAM JSON
 * policy reference: Principal). The fake has no IAM directory, so a principal "exists" when it
 * has the form of one: AWS answers a role that does not exist the same way as a malformed ARN.
 */

/** A caller, read from its ARN. */
export interface Caller {
  readonly arn: string;
  readonly partition: string;
  readonly accountId: string;
  readonly kind: 'root' | 'user' | 'role' | 'assumed-role' | 'federated-user';
  /** For an assumed-role session: the role's name (the session ARN carries no path). */
  readonly roleName?: string;
}

const iamArn = /^arn:(aws[a-z-]*):iam::(\d{12}):(root|user\/.+|role\/.+)$/;
const stsArn = /^arn:(aws[a-z-]*):sts::(\d{12}):(assumed-role\/[^/]+\/[^/]+|federated-user\/[^/]+)$/;

/** The caller an ARN names, or `undefined` when it is not the ARN of an IAM principal. */
export function parseCaller(arn: string): Caller | undefined {
  if (arn.includes('*')) return undefined;
  const iam = iamArn.exec(arn);
  if (iam) {
    const [, partition, accountId, resource] = iam as unknown as [string, string, string, string];
    const kind = resource === 'root' ? 'root' : resource.startsWith('user/') ? 'user' : 'role';
    return { arn, partition, accountId, kind };
  }
  const sts = stsArn.exec(arn);
  if (!sts) return undefined;
  const [, partition, accountId, resource] = sts as unknown as [string, string, string, string];
  if (resource.startsWith('federated-user/')) return { arn, partition, accountId, kind: 'federated-user' };
  return { arn, partition, accountId, kind: 'assumed-role', roleName: resource.split('/')[1] };
}

/** An `AWS` principal a key policy may name: `"*"`, an account ID, or the ARN of an IAM principal. */
export function isValidPrincipalForm(value: string): boolean {
  return value === '*' || /^\d{12}$/.test(value) || parseCaller(value) !== undefined;
}

/**
 * How a statement's principal reaches the caller:
 * - `direct`: it names the caller (or `"*"`, or the role the caller's session assumed);
 * - `account`: it names the caller's account (its ID or `…:root`), which delegates to the
 *   account's identity policies (developer guide: "Allows access to the AWS account and enables
 *   IAM policies"); for the root user itself this is also direct.
 */
export type PrincipalMatch = 'direct' | 'account';

function matchOne(entry: string, caller: Caller): PrincipalMatch | undefined {
  if (entry === '*') return 'direct';
  const named = /^\d{12}$/.test(entry) ? { accountId: entry, kind: 'root' as const, arn: entry } : parseCaller(entry);
  if (!named || named.accountId !== caller.accountId) return undefined;
  if (named.kind === 'root') return caller.kind === 'root' ? 'direct' : 'account';
  if (named.arn === caller.arn) return 'direct';
  // A role named in a policy covers its sessions: the session ARN names the role without its path.
  if (named.kind === 'role' && caller.kind === 'assumed-role' && named.arn.split('/').pop() === caller.roleName) return 'direct';
  return undefined;
}

/** The strongest way an element's `AWS` principals reach the caller; other types (Service, Federated) never do. */
export function matchPrincipal(element: PrincipalElement, caller: Caller): PrincipalMatch | undefined {
  if (element === '*') return 'direct';
  let best: PrincipalMatch | undefined;
  for (const entry of element.AWS ?? []) {
    const match = matchOne(entry, caller);
    if (match === 'direct') return match;
    best = match ?? best;
  }
  return best;
}

/** What the server reads of a request's SigV4 signature: who signed it, and for which region. */
export interface SignatureScope {
  readonly accessKeyId: string;
  readonly region: string;
}

/**
 * `AWS4-HMAC-SHA256 Credential=<AKID>/<yyyymmdd>/<region>/kms/aws4_request, SignedHeaders=…, Signature=…`
 * (Signature Version 4, "Authorization header"). The access key ID may hold no slash; the date is 8 digits.
 */
const CREDENTIAL = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/\d{8}\/([^/\s,]+)\/[^/\s,]+\/aws4_request\s*(?:,|$)/;

/**
 * The access key ID and region a request was signed with, or `undefined` for an unsigned request
 * (or one whose header is not a SigV4 one). The signature itself is never checked: the fake has no
 * secrets, and any credentials a client holds are as good as any other.
 */
export function signatureScopeOf(authorization: string | undefined): SignatureScope | undefined {
  const match = authorization === undefined ? null : CREDENTIAL.exec(authorization.trim());
  return match ? { accessKeyId: match[1]!, region: match[2]! } : undefined;
}

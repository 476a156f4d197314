import { signatureScopeOf } from './sigv4';

describe('signatureScopeOf', () => {
  it('reads the access key ID and region of a SigV4 Authorization header', () => {
    const header = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/eu-west-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';
    expect(signatureScopeOf(header)).toEqual({ accessKeyId: 'AKIDEXAMPLE', region: 'eu-west-1' });
  });

  it('reads a header without spaces after the commas, as some signers write it', () => {
    expect(signatureScopeOf('AWS4-HMAC-SHA256 Credential=AKIA1/20261207/cn-north-1/kms/aws4_request,SignedHeaders=host,Signature=0')).toEqual({
      accessKeyId: 'AKIA1',
      region: 'cn-north-1',
    });
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Bearer abc'],
    ['SigV4a (regions go in a header of their own)', 'AWS4-ECDSA-P256-SHA256 Credential=AKIA1/20261207/kms/aws4_request, SignedHeaders=host, Signature=0'],
    ['a scope missing its region', 'AWS4-HMAC-SHA256 Credential=AKIA1/20261207/kms/aws4_request, SignedHeaders=host, Signature=0'],
    ['a date that is no date', 'AWS4-HMAC-SHA256 Credential=AKIA1/today/eu-west-1/kms/aws4_request, SignedHeaders=host, Signature=0'],
  ])('finds no scope in %s (the request is unsigned to the fake)', (_, header) => {
    expect(signatureScopeOf(header)).toBeUndefined();
  });
});

import { successResponse } from './awsJson';

/** Unit tests of the output encoder: the SDK then decodes these bytes (covered through a real KMSClient in test/). */
describe('successResponse', () => {
  const decode = (output: object) => JSON.parse(new TextDecoder().decode(successResponse(output, 'req-1').body)) as Record<string, unknown>;

  it('writes blobs as base64 and dates as epoch seconds, at any depth', () => {
    const body = decode({
      CiphertextBlob: new Uint8Array([1, 2, 3]),
      KeyMetadata: { CreationDate: new Date(1_700_000_000_500), Nested: [{ Blob: new Uint8Array([255]) }] },
    });
    expect(body).toEqual({ CiphertextBlob: 'AQID', KeyMetadata: { CreationDate: 1_700_000_000.5, Nested: [{ Blob: '/w==' }] } });
  });

  it('leaves out undefined members and escapes strings', () => {
    expect(decode({ KeyId: undefined, Description: 'quote " backslash \\ naïve ☃', Truncated: false })).toEqual({
      Description: 'quote " backslash \\ naïve ☃',
      Truncated: false,
    });
  });

  it('sets the JSON 1.1 content type, length and request id, with a fresh body each time', () => {
    const [a, b] = [successResponse({}, 'req-1'), successResponse({}, 'req-1')];
    expect(a.headers).toEqual({ 'content-type': 'application/x-amz-json-1.1', 'content-length': '2', 'x-amzn-requestid': 'req-1' });
    expect(a.body).not.toBe(b.body);
  });
});

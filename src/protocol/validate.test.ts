import { KmsError } from '../errors';
import type { InputShape } from '../backend/shapes';
import { decodeInput } from './validate';

/** Unit tests of the validation engine on raw wire bodies (the SDK never sends these, a raw caller may). */
const shape: InputShape = {
  Tags: { type: 'list', member: { type: 'structure', members: { TagKey: { type: 'string', required: true } } } },
  Context: { type: 'map', key: { type: 'string' }, value: { type: 'string' } },
  Blob: { type: 'blob' },
};

const errorOf = (body: unknown) => {
  try {
    decodeInput(shape, body);
  } catch (error) {
    return error as KmsError;
  }
  throw new Error('expected a validation failure');
};

describe('decodeInput', () => {
  it('reports a null list member as AWS reports a missing value, never as a TypeError', () => {
    const error = errorOf({ Tags: [null] });
    expect(error).toBeInstanceOf(KmsError);
    expect(error.code).toBe('ValidationException');
    expect(error.wireMessage).toBe("1 validation error detected: Value null at 'tags.1.member' failed to satisfy constraint: Member must not be null");
  });

  it('reports a null map value', () => {
    expect(errorOf({ Context: { a: null } }).wireMessage).toContain("Value null at 'context.a.value'");
  });

  it('keeps a __proto__ map key as data', () => {
    const decoded = decodeInput(shape, JSON.parse('{"Context":{"__proto__":"x"}}'));
    expect(Object.keys(decoded.Context as object)).toEqual(['__proto__']);
  });

  it.each(['not base64!', 'QUJD=', 'QUJ'])('refuses malformed base64 %p with a SerializationException', (text) => {
    expect(errorOf({ Blob: text }).code).toBe('SerializationException');
  });

  it('decodes valid base64', () => {
    expect(Buffer.from(decodeInput(shape, { Blob: 'QUJD' }).Blob as Uint8Array).toString()).toBe('ABC');
  });
});

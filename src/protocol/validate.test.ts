import { KmsError } from '../errors';
import type { InputShape } from '../backend/shapes';
import { decodeInput } from './validate';

/** Unit tests of the validation engine on raw wire bodies (the SDK never sends these, a raw caller may). */
const shape: InputShape = {
  Tags: { type: 'list', member: { type: 'structure', members: { TagKey: { type: 'string', required: true } } } },
  Context: { type: 'map', key: { type: 'string' }, value: { type: 'string' } },
  Blob: { type: 'blob' },
};

const errorOf = (body: unknown, of: InputShape = shape) => {
  try {
    decodeInput(of, body);
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

  describe('a member marked sensitive is never echoed, whatever the rule', () => {
    const secret: InputShape = {
      Password: { type: 'string', min: 3, max: 5, pattern: /^[a-z]+$/, enum: ['abc'], sensitive: true },
      Secrets: { type: 'list', max: 1, member: { type: 'string', sensitive: true } },
      Vault: { type: 'map', max: 1, key: { type: 'string' }, value: { type: 'string', sensitive: true } },
      Pin: { type: 'integer', max: 9, sensitive: true },
      Plain: { type: 'string', max: 1 },
    };
    const messageOf = (body: object) => errorOf(body, secret).wireMessage;

    it('length, pattern and enum violations name the member only', () => {
      expect(messageOf({ Password: 'CANARY-1' })).toBe(
        "3 validation errors detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 5; " +
          "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]+$; " +
          "Value at 'password' failed to satisfy constraint: Member must satisfy enum value set: [abc]",
      );
    });

    it('a list or map of sensitive values, and a sensitive number, are not rendered either', () => {
      expect(messageOf({ Secrets: ['CANARY-a', 'CANARY-b'] })).toBe(
        "1 validation error detected: Value at 'secrets' failed to satisfy constraint: Member must have length less than or equal to 1",
      );
      expect(messageOf({ Vault: { a: 'CANARY-a', b: 'CANARY-b' } })).toBe(
        "1 validation error detected: Value at 'vault' failed to satisfy constraint: Member must have length less than or equal to 1",
      );
      expect(messageOf({ Pin: 1234 })).toBe("1 validation error detected: Value at 'pin' failed to satisfy constraint: Member must have value less than or equal to 9");
    });

    it('other members keep their value beside a sensitive one', () => {
      expect(messageOf({ Password: 'CANARY-2', Plain: 'xy' })).toContain("Value 'xy' at 'plain'");
      expect(messageOf({ Password: 'CANARY-2', Plain: 'xy' })).not.toContain('CANARY');
    });

    it('a value of the wrong JSON type is refused without it', () => {
      for (const body of [{ Password: ['CANARY-3'] }, { Password: { v: 'CANARY-3' } }, { Pin: 'CANARY-3' }]) {
        const error = errorOf(body, secret);
        expect(error.code).toBe('SerializationException');
        expect(error.wireMessage).not.toContain('CANARY');
      }
    });
  });
});

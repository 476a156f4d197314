import { decode, encode, UnreadableRecord } from './codec';

describe('the record codec of a state directory', () => {
  it('gives back dates, bytes, maps and nested records as they were', () => {
    const record = {
      date: new Date('2025-01-01T00:00:00.123Z'),
      bytes: new Uint8Array([0, 1, 254, 255]),
      tags: new Map([['team', 'core'], ['$date', 'not a date']]),
      list: [{ at: new Date(0) }, 'text', 3, true, null],
    };
    expect(decode(encode(record))).toEqual(record);
  });

  it('keeps members of the state that look like its own tags apart from them', () => {
    const context = { $date: '1', $bytes: 'AAAA', $$double: 'x', plain: 'y' };
    expect(decode(encode({ context }))).toEqual({ context });
    expect(decode(encode({ $map: [] }))).toEqual({ $map: [] });
  });

  it('leaves out a derived key pair cache and undefined members', () => {
    expect(decode(encode({ id: 'm', keyPair: { spec: 'RSA_2048' }, gone: undefined }))).toEqual({ id: 'm' });
  });

  it('refuses what it cannot store, and quotes nothing of a text it cannot read', () => {
    expect(() => encode({ at: new URL('https://example.com') })).toThrow('cannot store a URL');
    let thrown: unknown;
    try {
      decode('{"secret": "c2VjcmV0IG1hdGVyaWFs"');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnreadableRecord);
    expect((thrown as Error).message).toBe('not JSON');
  });
});

import { createHash, createHmac, hkdfSync, randomFillSync, randomUUID } from 'node:crypto';

/**
 * Random bytes and identifiers for the fake. Seeded, they are a deterministic stream
 * (HMAC-SHA256 in counter mode), so key IDs and key material repeat across runs and machines.
 * @internal
 */
export interface Entropy {
  // Properties, not methods: they are closures, handed around unbound (e.g. as a RandomBytes).
  readonly bytes: (length: number) => Uint8Array;
  readonly uuid: () => string;
  readonly hex: (length: number) => string;
  /** How many bytes have been drawn: a state directory keeps a seeded stream's place, so a restart repeats no ID. */
  readonly drawn: () => number;
}

export function createEntropy(seed?: string | number): Entropy {
  const source = seed === undefined ? randomPool() : seededStream(String(seed));
  let drawn = 0;
  const bytes = (n: number) => {
    drawn += n;
    return source(n);
  };
  const hex = (length: number) => Buffer.from(bytes(Math.ceil(length / 2))).toString('hex').slice(0, length);
  return {
    bytes,
    hex,
    drawn: () => drawn,
    uuid: () => {
      if (seed === undefined) return randomUUID();
      const b = bytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40; // version 4
      b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
      const h = Buffer.from(b).toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

/** Random bytes drawn from a refilled pool: one system call per 4 KiB instead of one per draw. */
function randomPool(): (n: number) => Uint8Array {
  const POOL_BYTES = 4096;
  let pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
  let used = 0;
  return (n) => {
    if (n > POOL_BYTES) return new Uint8Array(randomFillSync(Buffer.alloc(n)));
    if (used + n > POOL_BYTES) {
      pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
      used = 0;
    }
    const out = new Uint8Array(n);
    out.set(pool.subarray(used, used + n));
    used += n;
    return out;
  };
}

/** A UUID-shaped identifier derived from another one (stable, so it needs no storage). */
export function derivedUuid(from: string, label: string): string {
  const h = createHash('sha256').update(`${label}:${from}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function seededStream(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n) => {
    while (pool.length < n) {
      const block = createHmac('sha256', `kms-fake:${seed}`).update(String(counter++)).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = new Uint8Array(pool.subarray(0, n));
    pool = pool.subarray(n);
    return out;
  };
}

/**
 * Bytes derived from a seed and a label (HKDF-SHA256): the same on every run and machine, and
 * independent of the order in which things are created. Fixture keys get their material this way.
 */
export function deriveBytes(seed: string, label: string, length: number): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', `kms-fake:${seed}`, 'kms-fake fixture', label, length));
}

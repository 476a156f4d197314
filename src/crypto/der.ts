/** Minimal DER writing for the key encodings node:crypto cannot produce (post-quantum keys). @internal */

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** SubjectPublicKeyInfo with an algorithm that has no parameters (RFC 5280; FIPS 203/204 keys). */
export function spki(algorithmOid: string, publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(tlv(0x30, tlv(0x30, oid(algorithmOid)), tlv(0x03, Buffer.from([0]), publicKey)));
}

/** PKCS#8 PrivateKeyInfo v0 whose privateKey OCTET STRING holds `privateKey`. */
export function pkcs8(algorithmOid: string, privateKey: Uint8Array): Uint8Array {
  return new Uint8Array(tlv(0x30, tlv(0x02, Buffer.from([0])), tlv(0x30, oid(algorithmOid)), tlv(0x04, privateKey)));
}

// A structured record becomes evidence as its RFC 8785 (JSON Canonicalization Scheme) form: object
// keys sorted by UTF-16 code units, no insignificant whitespace, numbers in ECMAScript's shortest
// round-trip form (1e21, 1e-7), strings escaped minimally. Anyone holding the record can
// recompute the notarized SHA-256 with any JCS implementation, however the JSON was formatted.
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

export interface CanonicalRecord {
  /** The canonical JSON text. */
  canonical: string;
  /** Length of its UTF-8 encoding, which is what is hashed. */
  size: number;
  sha256: Uint8Array;
}

/** Throws when the value has no canonical form (a lone UTF-16 surrogate, NaN or Infinity). */
export function canonicalizeRecord(data: unknown): CanonicalRecord {
  const canonical = canonicalize(data);
  if (canonical === undefined) throw new Error('has no JSON representation');
  // One-shot crypto.hash: per-record createHash() objects cost more than the hashing itself.
  return { canonical, size: Buffer.byteLength(canonical, 'utf8'), sha256: hash('sha256', canonical, 'buffer') };
}

// The two keys a co-lending pair derives from the secret both banks share (§3.1): one keys the
// matching HMAC, the other seeds the per-row, per-field salts. Evident needs the pair key only in
// open mode, where it commits the rows on the banks' behalf.
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';

export const PAIR_KEY_LENGTH = 32;
const utf8 = new TextEncoder();
export const MATCH_KEY_INFO = utf8.encode('evident/reconciliation/v1/match-key');
export const FIELD_SALT_INFO = utf8.encode('evident/reconciliation/v1/field-salt');

export interface PairKeys {
  /** HMAC key of the matching key. */
  matchKey: Uint8Array;
  /** HKDF pseudorandom key of the row seeds. */
  saltKey: Uint8Array;
}

export function derivePairKeys(pairKey: Uint8Array): PairKeys {
  if (pairKey.length !== PAIR_KEY_LENGTH) {
    throw new RangeError(`A pair key is ${PAIR_KEY_LENGTH} bytes, got ${pairKey.length}.`);
  }
  return {
    matchKey: hkdf(sha256, pairKey, undefined, MATCH_KEY_INFO, 32),
    saltKey: hkdf(sha256, pairKey, undefined, FIELD_SALT_INFO, 32),
  };
}

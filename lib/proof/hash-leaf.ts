// RFC 9162 §2.1.1 leaf hash. The 0x00 prefix separates leaves from inner nodes (0x01), so no inner
// node can be passed off as a leaf (second-preimage attack).
import { sha256 } from '@noble/hashes/sha2.js';

export const LEAF_HASH_PREFIX = 0x00;

/** SHA-256(0x00 ‖ leafBytes). Any bytes are accepted: the leaf format is encodeLeaf's concern. */
export function hashLeaf(leafBytes: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + leafBytes.length);
  input[0] = LEAF_HASH_PREFIX;
  input.set(leafBytes, 1);
  return sha256(input);
}

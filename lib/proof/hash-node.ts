// RFC 9162 §2.1.1 inner-node hash, with the 0x01 prefix that tells nodes apart from leaves (0x00).
import { sha256 } from '@noble/hashes/sha2.js';
import { InvalidHashLengthError } from './merkle-errors';

export const NODE_HASH_PREFIX = 0x01;

/** SHA-256(0x01 ‖ left ‖ right), both children 32-byte hashes. */
export function hashNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== 32) throw new InvalidHashLengthError('Left child', left.length);
  if (right.length !== 32) throw new InvalidHashLengthError('Right child', right.length);
  const input = new Uint8Array(65);
  input[0] = NODE_HASH_PREFIX;
  input.set(left, 1);
  input.set(right, 33);
  return sha256(input);
}

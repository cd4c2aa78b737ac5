// Canonical leaf bytes: what one piece of evidence contributes to a batch's Merkle tree. The salt
// keeps a leaf hash from revealing which file it commits to (a file's SHA-256 alone can be guessed
// for well-known files); the sequence binds the leaf to its place in the evidence log.
import { InvalidLeafError } from './merkle-errors';

export const LEAF_FORMAT_VERSION = 1;
export const ENCODED_LEAF_LENGTH = 73;

const MAX_UINT64 = (1n << 64n) - 1n;

export interface LeafFields {
  contentSha256: Uint8Array;
  salt: Uint8Array;
  sequence: bigint;
}

/** 0x01 (format version) ‖ contentSha256 (32) ‖ salt (32) ‖ sequence as uint64 big-endian (8). */
export function encodeLeaf({ contentSha256, salt, sequence }: LeafFields): Uint8Array {
  requireBytes('contentSha256', contentSha256);
  requireBytes('salt', salt);
  if (typeof sequence !== 'bigint' || sequence < 0n || sequence > MAX_UINT64) {
    throw new InvalidLeafError('sequence', `sequence must be a bigint in 0..2^64-1, got ${String(sequence)}.`);
  }
  const leaf = new Uint8Array(ENCODED_LEAF_LENGTH);
  leaf[0] = LEAF_FORMAT_VERSION;
  leaf.set(contentSha256, 1);
  leaf.set(salt, 33);
  new DataView(leaf.buffer).setBigUint64(65, sequence, false);
  return leaf;
}

function requireBytes(field: 'contentSha256' | 'salt', value: Uint8Array): void {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidLeafError(field, `${field} must be a Uint8Array of 32 bytes.`);
  }
  if (value.length !== 32) {
    throw new InvalidLeafError(field, `${field} must be 32 bytes, got ${value.length}.`);
  }
}

// Leaf hashes for many evidence items at once, from their fields packed back to back:
// contentSha256 (32) ‖ salt (32) ‖ sequence as uint64 big-endian (8). That is encodeLeaf's layout
// without its version byte, and what the sealer reads from the database in one piece per chunk.
import { LEAF_FORMAT_VERSION } from '../proof/encode-leaf';
import { LEAF_HASH_PREFIX } from '../proof/hash-leaf';
import { sha256Many } from './sha256-many';

export const LEAF_RECORD_LENGTH = 72;

const LEAF_PREFIX = Uint8Array.of(LEAF_HASH_PREFIX, LEAF_FORMAT_VERSION);

/** hashLeaf(encodeLeaf(fields)) for every 72-byte record, as n × 32 bytes. */
export function hashLeafRecords(records: Uint8Array): Uint8Array {
  if (records.length % LEAF_RECORD_LENGTH !== 0) {
    throw new RangeError(`Leaf records are ${LEAF_RECORD_LENGTH} bytes each; got ${records.length} bytes.`);
  }
  return sha256Many({ prefix: LEAF_PREFIX, records, recordLength: LEAF_RECORD_LENGTH });
}

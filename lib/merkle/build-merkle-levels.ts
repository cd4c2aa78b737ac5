// Builds a batch's tree levels as flat buffers (32 bytes per node): the fast path the sealer uses for
// large batches. The shape is buildMerkleTree's, which stays the reference: pairs hashed left to
// right with the 0x01 node prefix, and a last node without a sibling carried up unchanged (RFC 9162's
// MTH). build-merkle-levels.test.ts proves the two give byte-identical levels.
import { EmptyTreeError } from '../proof/merkle-errors';
import { NODE_HASH_PREFIX } from '../proof/hash-node';
import { sha256Many } from './sha256-many';

const NODE_PREFIX = Uint8Array.of(NODE_HASH_PREFIX);

/**
 * levels[0] is leafHashes itself (n × 32 bytes); each next level hashes the pairs of the one below;
 * the last level is the 32-byte root. A side of millions of rows builds the same levels a chunk at a
 * time, without holding them (stream-merkle-levels.ts).
 */
export function buildMerkleLevels(leafHashes: Uint8Array): Uint8Array[] {
  if (leafHashes.length === 0) throw new EmptyTreeError();
  if (leafHashes.length % 32 !== 0) {
    throw new RangeError(`leafHashes must be a whole number of 32-byte hashes, got ${leafHashes.length} bytes.`);
  }
  const levels = [leafHashes];
  for (let level = leafHashes; level.length > 32; ) {
    const pairs = Math.floor(level.length / 64);
    const hashed = sha256Many({ prefix: NODE_PREFIX, records: level.subarray(0, pairs * 64), recordLength: 64 });
    if (level.length % 64 === 0) {
      level = hashed;
    } else {
      // A last node without a sibling is carried up unchanged.
      level = new Uint8Array((pairs + 1) * 32);
      level.set(hashed);
      level.set(levels[levels.length - 1].subarray(pairs * 64), pairs * 32);
    }
    levels.push(level);
  }
  return levels;
}

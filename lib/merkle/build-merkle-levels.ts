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
 * the last level is the 32-byte root.
 */
export function buildMerkleLevels(leafHashes: Uint8Array): Uint8Array[] {
  const steps = merkleLevelSteps(leafHashes, Infinity);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same levels, hashed `pairsPerStep` pairs at a time, `pause` awaited between steps: for a large
 * tree built on a server's event loop, which then keeps answering while it is built.
 */
export async function buildMerkleLevelsInSteps(leafHashes: Uint8Array, pairsPerStep: number, pause: () => Promise<void>): Promise<Uint8Array[]> {
  const steps = merkleLevelSteps(leafHashes, pairsPerStep);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pause();
  }
}

function* merkleLevelSteps(leafHashes: Uint8Array, pairsPerStep: number): Generator<void, Uint8Array[], undefined> {
  if (leafHashes.length === 0) throw new EmptyTreeError();
  if (leafHashes.length % 32 !== 0) {
    throw new RangeError(`leafHashes must be a whole number of 32-byte hashes, got ${leafHashes.length} bytes.`);
  }
  const levels = [leafHashes];
  for (let level = leafHashes; level.length > 32; ) {
    const pairs = Math.floor(level.length / 64);
    const odd = level.length % 64 !== 0;
    if (!odd && pairs <= pairsPerStep) {
      // One step, no node carried up: the digests are the level.
      level = sha256Many({ prefix: NODE_PREFIX, records: level, recordLength: 64 });
      levels.push(level);
      continue;
    }
    const next = new Uint8Array((pairs + (odd ? 1 : 0)) * 32);
    for (let first = 0; first < pairs; first += pairsPerStep) {
      const end = Math.min(pairs, first + pairsPerStep);
      next.set(sha256Many({ prefix: NODE_PREFIX, records: level.subarray(first * 64, end * 64), recordLength: 64 }), first * 32);
      if (end < pairs) yield;
    }
    if (odd) next.set(level.subarray(level.length - 32), pairs * 32);
    levels.push(next);
    level = next;
  }
  return levels;
}

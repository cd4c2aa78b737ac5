// Joins the levels of consecutive subtrees into the levels of the whole tree, so a sealer can build
// each chunk of leaves as it arrives. Every chunk but the last holds the same power-of-two number of
// leaves: then no pair crosses a chunk boundary below the chunks' roots, and the last chunk's odd
// nodes are the whole tree's odd nodes (carried up unchanged), so the lower levels are the chunks'
// levels laid end to end, and the upper levels are the tree built over the chunks' roots.
import { buildMerkleLevels } from './build-merkle-levels';
import { EmptyTreeError } from '../proof/merkle-errors';

/** subtrees[i] is buildMerkleLevels(chunk i); returns buildMerkleLevels(all leaves). */
export function joinSubtreeLevels(subtrees: Uint8Array[][]): Uint8Array[] {
  if (subtrees.length === 0) throw new EmptyTreeError();
  if (subtrees.length === 1) return subtrees[0];
  const chunkLevels = subtrees[0].length;
  const chunkLeaves = 2 ** (chunkLevels - 1);
  subtrees.forEach((levels, i) => {
    const leaves = levels[0].length / 32;
    const last = i === subtrees.length - 1;
    if (last ? leaves > chunkLeaves : leaves !== chunkLeaves || levels.length !== chunkLevels) {
      throw new RangeError(
        `Subtree ${i} has ${leaves} leaves; every subtree but the last must have the same power-of-two ` +
          'number of leaves, and the last no more.',
      );
    }
  });
  const lower = Array.from({ length: chunkLevels }, (_, level) =>
    // A smaller last chunk's root is carried up unchanged through the levels it does not have.
    concatBytes(subtrees.map((levels) => levels[Math.min(level, levels.length - 1)])),
  );
  const upper = buildMerkleLevels(lower[chunkLevels - 1]);
  return [...lower, ...upper.slice(1)];
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

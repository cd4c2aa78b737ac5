// The RFC 9162 audit path for one leaf, read off the levels buildMerkleTree returns.
import { LeafIndexOutOfRangeError } from './merkle-errors';

/**
 * Siblings from the leaf up to the root. A node without a sibling (the last of an odd level) was
 * carried up unchanged, so that level contributes nothing to the path.
 */
export function inclusionProof(levels: Uint8Array[][], leafIndex: number): Uint8Array[] {
  const treeSize = levels[0]?.length ?? 0;
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new LeafIndexOutOfRangeError(leafIndex, treeSize);
  }
  const path: Uint8Array[] = [];
  let index = leafIndex;
  for (const level of levels.slice(0, -1)) {
    const sibling = index % 2 === 1 ? index - 1 : index + 1;
    if (sibling < level.length) path.push(level[sibling]);
    index = Math.floor(index / 2);
  }
  return path;
}

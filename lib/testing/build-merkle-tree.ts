// Builds a batch's tree from leaf hashes with merkletreejs, configured so that its shape is RFC 9162's
// MTH: no duplication, no sorting, and a node without a sibling carried up unchanged. The vectors in
// __fixtures__ (made by an independent recursive MTH) are what proves the two agree.
import { MerkleTree } from 'merkletreejs/MerkleTree';
import { EmptyTreeError, InvalidHashLengthError } from '../proof/merkle-errors';
import { hashNode } from '../proof/hash-node';

export interface MerkleTreeLevels {
  root: Uint8Array;
  /** levels[0] are the leaf hashes, the last level is [root]. */
  levels: Uint8Array[][];
}

export function buildMerkleTree(leafHashes: Uint8Array[]): MerkleTreeLevels {
  if (leafHashes.length === 0) throw new EmptyTreeError();
  leafHashes.forEach((leafHash, index) => {
    if (leafHash.length !== 32) throw new InvalidHashLengthError(`Leaf hash ${index}`, leafHash.length);
  });
  // merkletreejs turns Uint8Arrays into Buffers itself (through the bundler's `buffer`), so no Node
  // import is needed here; its layers come back as Buffers and are copied out as plain Uint8Arrays.
  const tree = new MerkleTree(leafHashes, hashConcatenatedPair, {
    hashLeaves: false,
    duplicateOdd: false,
    sortLeaves: false,
    sortPairs: false,
  });
  const levels = tree.getLayers().map((level) => level.map((node) => new Uint8Array(node)));
  return { root: levels[levels.length - 1][0], levels };
}

// merkletreejs hands its hash function the two children already concatenated.
function hashConcatenatedPair(pair: Uint8Array): Uint8Array {
  if (pair.length !== 64) throw new InvalidHashLengthError('A concatenated pair of children (64 bytes)', pair.length);
  return hashNode(pair.subarray(0, 32), pair.subarray(32));
}

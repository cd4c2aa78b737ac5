import { MerkleTree } from 'merkletreejs/MerkleTree';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex';
import { rfc9162Vectors } from '../merkle/__fixtures__/load-vectors';
import { buildMerkleTree } from '../testing/build-merkle-tree';
import { LeafIndexOutOfRangeError } from './merkle-errors';
import { hashNode } from './hash-node';
import { inclusionProof } from './inclusion-proof';

const leafHashes = (n: number) => rfc9162Vectors.leaves.slice(0, n).map((leaf) => fromHex(leaf.leafHash, 32));

describe('inclusionProof', () => {
  it.each(rfc9162Vectors.trees)('equals the RFC 9162 PATH for every leaf of $treeSize', ({ treeSize, auditPaths }) => {
    const { levels } = buildMerkleTree(leafHashes(treeSize));
    auditPaths.forEach((expected, leafIndex) => {
      expect(inclusionProof(levels, leafIndex).map(toHex)).toEqual(expected);
    });
  });

  it.each(rfc9162Vectors.trees)('equals merkletreejs getProof(leaf, index) for $treeSize leaves', ({ treeSize }) => {
    const hashes = leafHashes(treeSize);
    const { levels } = buildMerkleTree(hashes);
    const tree = new MerkleTree(hashes, (pair: Uint8Array) => hashNode(pair.subarray(0, 32), pair.subarray(32)), {
      duplicateOdd: false,
    });
    hashes.forEach((leafHash, leafIndex) => {
      const theirs = tree.getProof(Buffer.from(leafHash), leafIndex).map((step) => toHex(step.data));
      expect(inclusionProof(levels, leafIndex).map(toHex)).toEqual(theirs);
    });
  });

  it('refuses an index outside the tree', () => {
    const { levels } = buildMerkleTree(leafHashes(3));
    expect(() => inclusionProof(levels, 3)).toThrow(LeafIndexOutOfRangeError);
    expect(() => inclusionProof(levels, -1)).toThrow(LeafIndexOutOfRangeError);
    expect(() => inclusionProof(levels, 0.5)).toThrow(LeafIndexOutOfRangeError);
  });
});

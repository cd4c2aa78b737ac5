import { MerkleTree } from 'merkletreejs/MerkleTree';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../proof/hex';
import { rfc9162Vectors } from '../merkle/__fixtures__/load-vectors';
import { buildMerkleTree } from './build-merkle-tree';
import { encodeLeaf } from '../proof/encode-leaf';
import { EmptyTreeError, InvalidHashLengthError } from '../proof/merkle-errors';
import { hashLeaf } from '../proof/hash-leaf';
import { hashNode } from '../proof/hash-node';

const leafHashes = (n: number) => rfc9162Vectors.leaves.slice(0, n).map((leaf) => fromHex(leaf.leafHash, 32));

describe('vector leaves', () => {
  it.each(rfc9162Vectors.leaves)('leaf $index encodes and hashes as recorded', (leaf) => {
    const bytes = encodeLeaf({
      contentSha256: fromHex(leaf.contentSha256, 32),
      salt: fromHex(leaf.salt, 32),
      sequence: BigInt(leaf.sequence),
    });
    expect(toHex(bytes)).toBe(leaf.leafBytes);
    expect(toHex(hashLeaf(bytes))).toBe(leaf.leafHash);
  });
});

describe('buildMerkleTree', () => {
  it.each(rfc9162Vectors.trees)('equals the recursive RFC 9162 MTH for $treeSize leaves', ({ treeSize, root }) => {
    const tree = buildMerkleTree(leafHashes(treeSize));
    expect(toHex(tree.root)).toBe(root);
    expect(tree.levels[0].map(toHex)).toEqual(rfc9162Vectors.leaves.slice(0, treeSize).map((leaf) => leaf.leafHash));
    expect(tree.levels.at(-1)?.map(toHex)).toEqual([root]);
  });

  it('carries an odd last node up unchanged (5 leaves)', () => {
    const hashes = leafHashes(5);
    const { levels } = buildMerkleTree(hashes);
    expect(levels.map((level) => level.length)).toEqual([5, 3, 2, 1]);
    expect(toHex(levels[1][2])).toBe(toHex(hashes[4]));
    expect(toHex(levels[2][1])).toBe(toHex(hashes[4]));
    expect(toHex(levels[3][0])).toBe(toHex(hashNode(levels[2][0], hashes[4])));
  });

  it('returns plain Uint8Arrays, not Buffers', () => {
    const { root, levels } = buildMerkleTree(leafHashes(3));
    expect(Object.getPrototypeOf(root)).toBe(Uint8Array.prototype);
    expect(levels.flat().every((node) => Object.getPrototypeOf(node) === Uint8Array.prototype)).toBe(true);
  });

  it('differs from merkletreejs with duplicateOdd, which is not RFC 9162', () => {
    const hashes = leafHashes(3);
    const duplicated = new MerkleTree(hashes, (pair: Uint8Array) => hashNode(pair.subarray(0, 32), pair.subarray(32)), {
      duplicateOdd: true,
    });
    expect(toHex(duplicated.getRoot())).not.toBe(rfc9162Vectors.trees[2].root);
  });

  it('refuses an empty tree and hashes that are not 32 bytes', () => {
    expect(() => buildMerkleTree([])).toThrow(EmptyTreeError);
    expect(() => buildMerkleTree([new Uint8Array(32), new Uint8Array(31)])).toThrow(InvalidHashLengthError);
  });
});

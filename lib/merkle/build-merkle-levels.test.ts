import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../proof/hex';
import { rfc9162Vectors } from './__fixtures__/load-vectors';
import { buildMerkleLevels } from './build-merkle-levels';
import { buildMerkleTree } from '../testing/build-merkle-tree';
import { EmptyTreeError } from '../proof/merkle-errors';

function splitHashes(flat: Uint8Array): Uint8Array[] {
  return Array.from({ length: flat.length / 32 }, (_, i) => flat.subarray(i * 32, i * 32 + 32));
}

/** buildMerkleTree (merkletreejs) is the reference: every level must be byte-identical. */
function expectSameAsMerkletreejs(leafCount: number) {
  const leaves = randomBytes(leafCount * 32);
  const reference = buildMerkleTree(splitHashes(leaves));
  const levels = buildMerkleLevels(leaves);
  expect(levels.length).toBe(reference.levels.length);
  levels.forEach((level, i) => {
    expect(Buffer.from(level).equals(Buffer.concat(reference.levels[i])), `level ${i} of ${leafCount} leaves`).toBe(true);
  });
  expect(toHex(levels.at(-1)!)).toBe(toHex(reference.root));
}

describe('buildMerkleLevels', () => {
  it('equals merkletreejs, level by level, for every size from 1 to 300 leaves', () => {
    for (let leafCount = 1; leafCount <= 300; leafCount++) expectSameAsMerkletreejs(leafCount);
  });

  it.each([1000, 1023, 1025, 4096, 4097, 8193, 12_345])('equals merkletreejs for %i leaves', (leafCount) => {
    expectSameAsMerkletreejs(leafCount);
  });

  it('equals merkletreejs for random sizes up to 20,000 leaves', () => {
    for (let run = 0; run < 5; run++) expectSameAsMerkletreejs(1 + Math.floor(Math.random() * 20_000));
  });

  it.each(rfc9162Vectors.trees)('gives the recorded RFC 9162 root for $treeSize leaves', ({ treeSize, root }) => {
    const leaves = Buffer.concat(rfc9162Vectors.leaves.slice(0, treeSize).map((leaf) => fromHex(leaf.leafHash, 32)));
    expect(toHex(buildMerkleLevels(leaves).at(-1)!)).toBe(root);
  });

  it('refuses an empty tree and a partial hash', () => {
    expect(() => buildMerkleLevels(new Uint8Array(0))).toThrow(EmptyTreeError);
    expect(() => buildMerkleLevels(new Uint8Array(33))).toThrow(/whole number of 32-byte hashes/);
  });
});

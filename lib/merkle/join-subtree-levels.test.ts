import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMerkleLevels } from './build-merkle-levels';
import { buildMerkleTree } from '../testing/build-merkle-tree';
import { EmptyTreeError } from '../proof/merkle-errors';
import { joinSubtreeLevels } from './join-subtree-levels';

function chunkedLevels(leaves: Uint8Array, chunkLeaves: number): Uint8Array[] {
  const subtrees: Uint8Array[][] = [];
  for (let offset = 0; offset < leaves.length; offset += chunkLeaves * 32) {
    subtrees.push(buildMerkleLevels(leaves.subarray(offset, offset + chunkLeaves * 32)));
  }
  return joinSubtreeLevels(subtrees);
}

function expectSameLevels(actual: Uint8Array[], expected: Uint8Array[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((level, i) => expect(Buffer.from(level).equals(Buffer.from(expected[i])), `${what}, level ${i}`).toBe(true));
}

describe('joinSubtreeLevels', () => {
  it('gives the levels of the whole tree for every size up to 70 in chunks of 1, 2, 4, 8 and 16 leaves', () => {
    for (let leafCount = 1; leafCount <= 70; leafCount++) {
      const leaves = randomBytes(leafCount * 32);
      const whole = buildMerkleLevels(leaves);
      for (const chunkLeaves of [1, 2, 4, 8, 16]) {
        expectSameLevels(chunkedLevels(leaves, chunkLeaves), whole, `${leafCount} leaves in chunks of ${chunkLeaves}`);
      }
    }
  });

  it('equals merkletreejs for large trees in chunks of 1024 leaves', () => {
    for (const leafCount of [1024, 1025, 2048, 3000, 4097, 10_000]) {
      const leaves = randomBytes(leafCount * 32);
      const reference = buildMerkleTree(Array.from({ length: leafCount }, (_, i) => leaves.subarray(i * 32, i * 32 + 32)));
      expectSameLevels(chunkedLevels(leaves, 1024), reference.levels.map((level) => Buffer.concat(level)), `${leafCount} leaves`);
    }
  });

  it('refuses no subtrees, and chunks that are not equal powers of two', () => {
    expect(() => joinSubtreeLevels([])).toThrow(EmptyTreeError);
    const four = buildMerkleLevels(randomBytes(4 * 32));
    const three = buildMerkleLevels(randomBytes(3 * 32));
    expect(() => joinSubtreeLevels([three, four])).toThrow(/same power-of-two number of leaves/);
    expect(() => joinSubtreeLevels([four, buildMerkleLevels(randomBytes(8 * 32))])).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex';
import { rfc9162Vectors } from '../merkle/__fixtures__/load-vectors';
import { InvalidProofError, type InvalidProofReason } from './merkle-errors';
import { rootFromInclusionProof, verifyInclusionProof } from './verify-inclusion-proof';

interface Case {
  treeSize: number;
  leafIndex: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  root: Uint8Array;
}

const cases: Case[] = rfc9162Vectors.trees.flatMap(({ treeSize, root, auditPaths }) =>
  auditPaths.map((path, leafIndex) => ({
    treeSize,
    leafIndex,
    leafHash: fromHex(rfc9162Vectors.leaves[leafIndex].leafHash, 32),
    proof: path.map((hash) => fromHex(hash, 32)),
    root: fromHex(root, 32),
  })),
);
// Independent of the code under test: the length of RFC 9162's PATH(m, D[n]).
function pathLength(m: number, n: number): number {
  if (n === 1) return 0;
  let k = 1;
  while (k * 2 < n) k *= 2;
  return 1 + (m < k ? pathLength(m, k) : pathLength(m - k, n - k));
}

const name = (c: Case) => `leaf ${c.leafIndex} of ${c.treeSize}`;

function flipped(bytes: Uint8Array, at = 0): Uint8Array {
  const copy = bytes.slice();
  copy[at] ^= 0x01;
  return copy;
}

function rejectionReason(run: () => unknown): InvalidProofReason | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof InvalidProofError) return error.reason;
    throw error;
  }
}

describe('rootFromInclusionProof / verifyInclusionProof', () => {
  it.each(cases.map((c) => [name(c), c] as const))('accepts the vector proof for %s', (_, c) => {
    expect(toHex(rootFromInclusionProof(c))).toBe(toHex(c.root));
    expect(verifyInclusionProof(c)).toBe(true);
  });

  it.each(cases.filter((c) => c.proof.length > 0).map((c) => [name(c), c] as const))(
    'rejects a flipped byte in each proof element for %s',
    (_, c) => {
      c.proof.forEach((_, i) => {
        const proof = c.proof.map((element, j) => (j === i ? flipped(element, 31) : element));
        expect(verifyInclusionProof({ ...c, proof })).toBe(false);
      });
    },
  );

  it.each(cases.map((c) => [name(c), c] as const))('rejects a flipped leaf hash and a flipped root for %s', (_, c) => {
    expect(verifyInclusionProof({ ...c, leafHash: flipped(c.leafHash) })).toBe(false);
    expect(verifyInclusionProof({ ...c, root: flipped(c.root) })).toBe(false);
  });

  it.each(cases.filter((c) => c.proof.length > 0).map((c) => [name(c), c] as const))(
    'rejects a dropped element as too short for %s',
    (_, c) => {
      expect(rejectionReason(() => rootFromInclusionProof({ ...c, proof: c.proof.slice(0, -1) }))).toBe('proof-too-short');
      expect(verifyInclusionProof({ ...c, proof: c.proof.slice(1) })).toBe(false);
    },
  );

  it.each(cases.map((c) => [name(c), c] as const))('rejects an added element as too long for %s', (_, c) => {
    const proof = [...c.proof, new Uint8Array(32)];
    expect(rejectionReason(() => rootFromInclusionProof({ ...c, proof }))).toBe('proof-too-long');
    expect(verifyInclusionProof({ ...c, proof })).toBe(false);
  });

  it.each(cases.filter((c) => c.treeSize > 1).map((c) => [name(c), c] as const))(
    'rejects every other leaf index for %s',
    (_, c) => {
      for (let leafIndex = 0; leafIndex < c.treeSize; leafIndex++) {
        if (leafIndex !== c.leafIndex) expect(verifyInclusionProof({ ...c, leafIndex })).toBe(false);
      }
    },
  );

  // The proof only fixes the shape of the leaf's path, so a tree size giving the same shape is not
  // detectable here: that is why verifiers compare treeSize with the leafCount anchored on chain.
  it.each(cases.map((c) => [name(c), c] as const))('rejects every tree size that changes the path for %s', (_, c) => {
    for (let treeSize = 1; treeSize <= 64; treeSize++) {
      if (treeSize <= c.leafIndex) {
        expect(rejectionReason(() => rootFromInclusionProof({ ...c, treeSize }))).toBe('leaf-index-not-in-tree');
      } else if (pathLength(c.leafIndex, treeSize) > c.proof.length) {
        expect(rejectionReason(() => rootFromInclusionProof({ ...c, treeSize }))).toBe('proof-too-short');
      } else if (pathLength(c.leafIndex, treeSize) < c.proof.length) {
        expect(rejectionReason(() => rootFromInclusionProof({ ...c, treeSize }))).toBe('proof-too-long');
      }
    }
  });

  it('rejects a tree size that keeps the path length but moves the leaf to a carried-up position', () => {
    // Leaf 4 of 6 has sibling leaf 5; claiming a tree of 5 makes leaf 4 the carried-up last leaf.
    const c = cases.find((x) => x.treeSize === 6 && x.leafIndex === 4)!;
    expect(verifyInclusionProof({ ...c, treeSize: 5 })).toBe(false);
  });

  it('names the reason for out-of-range indices, bad sizes and short elements', () => {
    const c = cases.find((x) => x.treeSize === 5 && x.leafIndex === 2)!;
    expect(rejectionReason(() => rootFromInclusionProof({ ...c, leafIndex: 5 }))).toBe('leaf-index-not-in-tree');
    expect(rejectionReason(() => rootFromInclusionProof({ ...c, leafIndex: -1 }))).toBe('invalid-leaf-index');
    expect(rejectionReason(() => rootFromInclusionProof({ ...c, leafIndex: 1.5 }))).toBe('invalid-leaf-index');
    expect(rejectionReason(() => rootFromInclusionProof({ ...c, treeSize: 0 }))).toBe('invalid-tree-size');
    expect(rejectionReason(() => rootFromInclusionProof({ ...c, leafHash: new Uint8Array(31) }))).toBe(
      'invalid-hash-length',
    );
    const proof = c.proof.map((element, i) => (i === 1 ? element.subarray(0, 31) : element));
    expect(() => rootFromInclusionProof({ ...c, proof })).toThrow(/Proof element 1 must be 32 bytes, got 31/);
  });

  it('handles indices beyond 32 bits (no bit-operator truncation)', () => {
    // A single-element proof for the last leaf of a 2^33 + 1 tree: the leaf is carried up 33 times.
    const leafHash = new Uint8Array(32).fill(7);
    const sibling = new Uint8Array(32).fill(9);
    const treeSize = 2 ** 33 + 1;
    expect(() =>
      rootFromInclusionProof({ leafHash, leafIndex: 2 ** 33, treeSize, proof: [sibling] }),
    ).not.toThrow();
  });
});

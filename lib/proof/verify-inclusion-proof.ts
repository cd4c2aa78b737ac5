// RFC 9162 §2.1.3.2 inclusion-proof verification, written out step by step. It depends on nothing but
// SHA-256 so that the browser, the CLI and the API verify with the same few lines, and it never trusts
// how the tree was built. A proof fixes only the shape of the leaf's path, not the tree size: callers
// must take treeSize from a trusted place (the leafCount anchored on chain).
import { bytesEqual } from './bytes-equal';
import { InvalidProofError } from './merkle-errors';
import { hashNode } from './hash-node';

export interface InclusionProofInput {
  leafHash: Uint8Array;
  leafIndex: number;
  treeSize: number;
  proof: Uint8Array[];
}

/** The root the proof leads to; throws InvalidProofError when the proof cannot fit the tree size. */
export function rootFromInclusionProof({ leafHash, leafIndex, treeSize, proof }: InclusionProofInput): Uint8Array {
  if (!Number.isSafeInteger(treeSize) || treeSize < 1) {
    throw new InvalidProofError('invalid-tree-size', `Tree size must be a positive integer, got ${treeSize}.`);
  }
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0) {
    throw new InvalidProofError('invalid-leaf-index', `Leaf index must be a non-negative integer, got ${leafIndex}.`);
  }
  // Step 1.
  if (leafIndex >= treeSize) {
    throw new InvalidProofError(
      'leaf-index-not-in-tree',
      `Leaf index ${leafIndex} is not in a tree of ${treeSize} leaves (it must be less than the tree size).`,
    );
  }
  if (leafHash.length !== 32) {
    throw new InvalidProofError('invalid-hash-length', `The leaf hash must be 32 bytes, got ${leafHash.length}.`);
  }
  proof.forEach((element, i) => {
    if (element.length !== 32) {
      throw new InvalidProofError('invalid-hash-length', `Proof element ${i} must be 32 bytes, got ${element.length}.`);
    }
  });

  // Steps 2 and 3. Plain arithmetic instead of bit operators: those truncate to 32 bits.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  // Step 4.
  for (const [i, p] of proof.entries()) {
    if (sn === 0) {
      throw new InvalidProofError(
        'proof-too-long',
        `The proof has ${proof.length} hashes, but leaf ${leafIndex} of a tree of ${treeSize} needs only ${i}.`,
      );
    }
    if (fn % 2 === 1 || fn === sn) {
      r = hashNode(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashNode(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5, first half; the root comparison is the caller's (verifyInclusionProof).
  if (sn !== 0) {
    throw new InvalidProofError(
      'proof-too-short',
      `The proof has ${proof.length} hashes, too few for leaf ${leafIndex} of a tree of ${treeSize}.`,
    );
  }
  return r;
}

/** True when the proof leads to `root`; a malformed proof is simply not valid. */
export function verifyInclusionProof(input: InclusionProofInput & { root: Uint8Array }): boolean {
  try {
    return bytesEqual(rootFromInclusionProof(input), input.root);
  } catch (error) {
    if (error instanceof InvalidProofError) return false;
    throw error;
  }
}

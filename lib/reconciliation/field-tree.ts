// The field tree: an RFC 9162 tree whose leaf hashes are a row's nine field commitments, so that one
// field can be shown with four hashes instead of all nine (§3.4). Same shape as lib/merkle's trees
// (pairs left to right, a last node without a sibling carried up unchanged).
import { hashNode } from '../proof/hash-node';
import { inclusionProof } from '../proof/inclusion-proof';
import { FIELD_COUNT } from './row-format';

export function fieldTreeLevels(commitments: Uint8Array[]): Uint8Array[][] {
  if (commitments.length !== FIELD_COUNT) {
    throw new RangeError(`A row has ${FIELD_COUNT} field commitments, got ${commitments.length}.`);
  }
  const levels = [commitments];
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) next.push(hashNode(below[i], below[i + 1]));
    if (below.length % 2 === 1) next.push(below[below.length - 1]);
    levels.push(next);
  }
  return levels;
}

export function fieldTreePath(commitments: Uint8Array[], fieldIndex: number): Uint8Array[] {
  return inclusionProof(fieldTreeLevels(commitments), fieldIndex);
}

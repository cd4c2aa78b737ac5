// The Merkle core in one import. Browser code that only verifies should import
// verify-inclusion-proof directly: build-merkle-tree pulls in merkletreejs (and its Buffer polyfill).
export { bytesEqual } from './bytes-equal';
export { buildMerkleTree, type MerkleTreeLevels } from './build-merkle-tree';
export { encodeLeaf, ENCODED_LEAF_LENGTH, LEAF_FORMAT_VERSION, type LeafFields } from './encode-leaf';
export {
  EmptyTreeError,
  InvalidHashLengthError,
  InvalidLeafError,
  InvalidProofError,
  LeafIndexOutOfRangeError,
  type InvalidProofReason,
  type LeafField,
} from './errors';
export { hashLeaf, LEAF_HASH_PREFIX } from './hash-leaf';
export { hashNode, NODE_HASH_PREFIX } from './hash-node';
export { inclusionProof } from './inclusion-proof';
export { rootFromInclusionProof, verifyInclusionProof, type InclusionProofInput } from './verify-inclusion-proof';

// Typed access to the Merkle vector files for tests (lib/merkle and lib/proof alike).
import leafEncodingJson from './leaf-encoding-vectors.json';
import rfc9162Json from './rfc9162-vectors.json';

export interface VectorLeaf {
  index: number;
  contentAscii: string;
  contentSha256: string;
  salt: string;
  sequence: string;
  leafBytes: string;
  leafHash: string;
}

export interface VectorTree {
  treeSize: number;
  root: string;
  auditPaths: string[][];
}

export interface LeafEncodingVectors {
  valid: Array<{ name: string; contentSha256: string; salt: string; sequence: string; leafBytes: string; leafHash: string }>;
  invalid: Array<{ name: string; contentSha256: string; salt: string; sequence: string; field: string }>;
}

export const rfc9162Vectors: { leaves: VectorLeaf[]; trees: VectorTree[] } = rfc9162Json;
export const leafEncodingVectors: LeafEncodingVectors = leafEncodingJson;

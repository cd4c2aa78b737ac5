// Errors raised by the Merkle core. Each carries enough structure (field, reason) for a verifier UI
// to explain the failure, and extends DomainError so lib/http maps them like any other domain error.
import { DomainError } from './domain-error';

export type LeafField = 'contentSha256' | 'salt' | 'sequence';

export class InvalidLeafError extends DomainError {
  readonly code = 'invalid-leaf';
  constructor(
    readonly field: LeafField,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidHashLengthError extends DomainError {
  readonly code = 'invalid-hash-length';
  constructor(
    readonly what: string,
    readonly actualLength: number,
  ) {
    super(`${what} must be a 32-byte SHA-256 hash, got ${actualLength} bytes.`);
  }
}

export class EmptyTreeError extends DomainError {
  readonly code = 'empty-tree';
  constructor() {
    super('A Merkle tree needs at least one leaf; RFC 9162 leaves the empty tree out of this format.');
  }
}

export class LeafIndexOutOfRangeError extends DomainError {
  readonly code = 'leaf-index-out-of-range';
  constructor(
    readonly leafIndex: number,
    readonly treeSize: number,
  ) {
    super(`Leaf index ${leafIndex} is outside a tree of ${treeSize} leaves.`);
  }
}

export type InvalidProofReason =
  | 'invalid-leaf-index'
  | 'invalid-tree-size'
  | 'leaf-index-not-in-tree'
  | 'invalid-hash-length'
  | 'proof-too-long'
  | 'proof-too-short';

export class InvalidProofError extends DomainError {
  readonly code = 'invalid-proof';
  constructor(
    readonly reason: InvalidProofReason,
    message: string,
  ) {
    super(message);
  }
}

// The pure verifiers of the three v1 proofs (§6), for the browser, the CLI and the API alike. Each
// recomputes leaf hashes and roots from the proof's own bytes with RFC 9162's algorithm
// (lib/proof/verify-inclusion-proof.ts) and never trusts a stated hash it can recompute. What a proof
// cannot show by itself is that its side (root, row count) is the one both banks signed: a caller
// with the signed statement passes it as `trustedSide(s)` and the verifier requires equality.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual } from '../proof/bytes-equal';
import { hashNode } from '../proof/hash-node';
import { InvalidProofError } from '../proof/merkle-errors';
import { rootFromInclusionProof } from '../proof/verify-inclusion-proof';
import { commitField, rowLeafHash } from './commit-row';
import { COMMITTED_FIELDS, FIELD_COUNT } from './row-format';
import {
  absenceProofSchema,
  fieldMismatchProofSchema,
  hexBytes,
  inclusionProofSchema,
  type AbsenceProof,
  type FieldMismatchProof,
  type InclusionProof,
  type ReconciliationProof,
} from './reconciliation-proof-schema';

export type ProofFailureCode =
  | 'malformed'
  | 'side-not-trusted'
  | 'inclusion-failed'
  | 'key-order'
  | 'not-adjacent'
  | 'not-an-edge'
  | 'empty-side-root'
  | 'path-shape'
  | 'different-keys'
  | 'field-path-failed'
  | 'commitments-equal'
  | 'opening-failed';

export type ProofVerdict = { valid: true } | { valid: false; code: ProofFailureCode; message: string };

export interface TrustedSide {
  root: string;
  rowCount: number;
}

const ok: ProofVerdict = { valid: true };
const fail = (code: ProofFailureCode, message: string): ProofVerdict => ({ valid: false, code, message });
const EMPTY_TREE_ROOT = sha256(new Uint8Array(0));
const utf8 = new TextEncoder();

export function verifyReconciliationProof(proof: unknown, trusted: { side?: TrustedSide; a?: TrustedSide; b?: TrustedSide } = {}): ProofVerdict {
  const kind = typeof proof === 'object' && proof !== null ? (proof as { kind?: unknown }).kind : undefined;
  if (kind === 'reconciliation-inclusion') return verifyRowInclusion(proof, trusted.side);
  if (kind === 'reconciliation-absence') return verifyKeyAbsence(proof, trusted.side);
  if (kind === 'reconciliation-field-mismatch') return verifyFieldMismatch(proof, trusted);
  return fail('malformed', `Unknown proof kind ${JSON.stringify(kind)}.`);
}

export function verifyRowInclusion(input: unknown, trustedSide?: TrustedSide): ProofVerdict {
  const parsed = inclusionProofSchema.safeParse(input);
  if (!parsed.success) return malformed(parsed.error);
  const proof: InclusionProof = parsed.data;
  const sideCheck = checkTrusted(proof.side, trustedSide);
  if (sideCheck) return sideCheck;
  return checkLeafInclusion(proof.side, proof.leaf, proof.path.map(hexBytes), 'The row');
}

export function verifyKeyAbsence(input: unknown, trustedSide?: TrustedSide): ProofVerdict {
  const parsed = absenceProofSchema.safeParse(input);
  if (!parsed.success) return malformed(parsed.error);
  const proof: AbsenceProof = parsed.data;
  const sideCheck = checkTrusted(proof.side, trustedSide);
  if (sideCheck) return sideCheck;
  const { side, left, right } = proof;
  const key = hexBytes(proof.key);
  const pathLengths = [proof.leftPath.length, proof.rightPath.length, proof.sharedPath.length];

  if (!left && !right) {
    if (side.rowCount !== 0) return fail('not-an-edge', `A side of ${side.rowCount} rows needs a bracketing leaf to show a key is absent.`);
    if (pathLengths.some((n) => n !== 0)) return fail('path-shape', 'An empty side has no paths.');
    if (!bytesEqual(hexBytes(side.root), EMPTY_TREE_ROOT)) return fail('empty-side-root', 'The root of an empty side is SHA-256 of the empty string.');
    return ok;
  }
  if (left && compare(hexBytes(left.key), key) >= 0) return fail('key-order', 'The left leaf\'s key is not less than the missing key.');
  if (right && compare(key, hexBytes(right.key)) >= 0) return fail('key-order', 'The right leaf\'s key is not greater than the missing key.');

  if (!left || !right) {
    // The key sorts before the first leaf or after the last: one leaf, its whole path in its own array.
    const edge = (left ?? right)!;
    const expectedIndex = left ? side.rowCount - 1 : 0;
    if (edge.index !== expectedIndex) {
      return fail('not-an-edge', `With only a ${left ? 'left' : 'right'} leaf, it must be leaf ${expectedIndex}, not ${edge.index}.`);
    }
    const [own, other] = left ? [proof.leftPath, proof.rightPath] : [proof.rightPath, proof.leftPath];
    if (other.length !== 0 || proof.sharedPath.length !== 0) return fail('path-shape', 'A single bracketing leaf carries its whole path in its own array.');
    return checkLeafInclusion(side, edge, own.map(hexBytes), left ? 'The last leaf' : 'The first leaf');
  }

  if (right.index !== left.index + 1) return fail('not-adjacent', `Leaves ${left.index} and ${right.index} are not adjacent.`);
  if (right.index >= side.rowCount) return fail('inclusion-failed', `Leaf ${right.index} is not in a side of ${side.rowCount} rows.`);
  // The two leaves meet at level h: below it the left leaf's siblings are all on its left (h − 1 of
  // them) and the right leaf's on its right (where they exist); above it their paths are the same.
  let h = 1;
  while (Math.floor(left.index / 2 ** h) !== Math.floor(right.index / 2 ** h)) h++;
  if (proof.leftPath.length !== h - 1) return fail('path-shape', `The left leaf needs ${h - 1} hashes below where the two paths meet, got ${proof.leftPath.length}.`);
  let rightLower = 0;
  for (let level = 0; level < h - 1; level++) {
    if (Math.floor(right.index / 2 ** level) + 1 < Math.ceil(side.rowCount / 2 ** level)) rightLower++;
  }
  if (proof.rightPath.length !== rightLower) return fail('path-shape', `The right leaf needs ${rightLower} hashes below where the two paths meet, got ${proof.rightPath.length}.`);

  const leftLeaf = rowLeafHash(hexBytes(left.key), hexBytes(left.fieldsRoot));
  const rightLeaf = rowLeafHash(hexBytes(right.key), hexBytes(right.fieldsRoot));
  const leftLower = proof.leftPath.map(hexBytes);
  const rightLowerPath = proof.rightPath.map(hexBytes);
  const shared = proof.sharedPath.map(hexBytes);
  const leftSubtree = leftLower.reduce((node, sibling) => hashNode(sibling, node), leftLeaf);
  const rightSubtree = rightLowerPath.reduce((node, sibling) => hashNode(node, sibling), rightLeaf);
  const leftFull = [...leftLower, rightSubtree, ...shared];
  const rightFull = [...rightLowerPath, leftSubtree, ...shared];
  const leftCheck = checkLeafInclusion(side, left, leftFull, 'The left leaf');
  if (!leftCheck.valid) return leftCheck;
  return checkLeafInclusion(side, right, rightFull, 'The right leaf');
}

export function verifyFieldMismatch(input: unknown, trusted: { a?: TrustedSide; b?: TrustedSide } = {}): ProofVerdict {
  const parsed = fieldMismatchProofSchema.safeParse(input);
  if (!parsed.success) return malformed(parsed.error);
  const proof: FieldMismatchProof = parsed.data;
  const fieldIndex = COMMITTED_FIELDS.indexOf(proof.field);
  for (const [name, part, trust] of [['A', proof.a, trusted.a], ['B', proof.b, trusted.b]] as const) {
    const sideCheck = checkTrusted(part.side, trust);
    if (sideCheck) return sideCheck;
    const inclusion = checkLeafInclusion(part.side, { index: part.index, key: proof.key, fieldsRoot: part.fieldsRoot }, part.path.map(hexBytes), `Side ${name}'s row`);
    if (!inclusion.valid) return inclusion;
    let fieldsRoot: Uint8Array;
    try {
      fieldsRoot = rootFromInclusionProof({ leafHash: hexBytes(part.commitment), leafIndex: fieldIndex, treeSize: FIELD_COUNT, proof: part.fieldPath.map(hexBytes) });
    } catch (error) {
      if (error instanceof InvalidProofError) return fail('field-path-failed', `Side ${name}'s field path: ${error.message}`);
      throw error;
    }
    if (!bytesEqual(fieldsRoot, hexBytes(part.fieldsRoot))) {
      return fail('field-path-failed', `Side ${name}'s ${proof.field} commitment does not lead to its row's fields root.`);
    }
  }
  if (proof.a.commitment === proof.b.commitment) return fail('commitments-equal', `Both sides commit the same ${proof.field}: nothing differs.`);
  if (proof.opening) {
    const salt = hexBytes(proof.opening.salt);
    for (const [name, value, commitment] of [['A', proof.opening.a, proof.a.commitment], ['B', proof.opening.b, proof.b.commitment]] as const) {
      if (!bytesEqual(commitField(salt, utf8.encode(value)), hexBytes(commitment))) {
        return fail('opening-failed', `The opened value ${JSON.stringify(value)} and salt do not give side ${name}'s ${proof.field} commitment.`);
      }
    }
  }
  return ok;
}

function checkLeafInclusion(
  side: { root: string; rowCount: number },
  leaf: { index: number; key: string; fieldsRoot: string },
  path: Uint8Array[],
  what: string,
): ProofVerdict {
  if (side.rowCount === 0) return fail('inclusion-failed', `${what} cannot be in an empty side.`);
  try {
    const root = rootFromInclusionProof({ leafHash: rowLeafHash(hexBytes(leaf.key), hexBytes(leaf.fieldsRoot)), leafIndex: leaf.index, treeSize: side.rowCount, proof: path });
    if (bytesEqual(root, hexBytes(side.root))) return ok;
    return fail('inclusion-failed', `${what} (leaf ${leaf.index}) does not lead to the side's root.`);
  } catch (error) {
    if (error instanceof InvalidProofError) return fail('inclusion-failed', `${what} (leaf ${leaf.index}): ${error.message}`);
    throw error;
  }
}

function checkTrusted(side: { root: string; rowCount: number }, trusted?: TrustedSide): ProofVerdict | null {
  if (!trusted) return null;
  if (side.root !== trusted.root.toLowerCase() || side.rowCount !== trusted.rowCount) {
    return fail('side-not-trusted', `The proof's side (${side.root}, ${side.rowCount} rows) is not the signed one (${trusted.root}, ${trusted.rowCount} rows).`);
  }
  return null;
}

function malformed(error: { issues: { path: PropertyKey[]; message: string }[] }): ProofVerdict {
  const issue = error.issues[0];
  return fail('malformed', `${issue.path.map(String).join('.') || 'proof'}: ${issue.message}`);
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export type { ReconciliationProof };

// Minting the v1 proofs (§6) from committed sides on disk (side-tree.ts). Each reads a few dozen
// nodes and records; nothing here is needed to verify (verify-reconciliation-proof.ts). Node-only.
import { toHex } from '../proof/hex';
import { fieldSalt, rowSeed } from './commit-row';
import type { PairKeys } from './derive-pair-keys';
import { fieldTreeLevels, fieldTreePath } from './field-tree';
import { COMMITTED_FIELDS, FIELD_COUNT, type CommittedField } from './row-format';
import type { AbsenceProof, FieldMismatchProof, InclusionProof } from './reconciliation-proof-schema';
import {
  RECORD_ACCOUNTING_DATE,
  RECORD_COMMITMENTS,
  RECORD_CURRENCY,
  RECORD_VALUE_DATE,
  readSideRecord,
} from './side-record';
import type { SideTree } from './side-tree';

function sideOf(tree: SideTree) {
  return { root: toHex(tree.root), rowCount: tree.rowCount };
}

/** A side record's nine field commitments, in field-tree order. */
export function commitmentsOf(record: Uint8Array): Uint8Array[] {
  return Array.from({ length: FIELD_COUNT }, (_, f) => record.subarray(RECORD_COMMITMENTS + 32 * f, RECORD_COMMITMENTS + 32 * f + 32));
}

function leafOf(tree: SideTree, index: number) {
  const record = tree.record(index);
  const levels = fieldTreeLevels(commitmentsOf(record));
  return { index, key: toHex(record.subarray(0, 32)), fieldsRoot: toHex(levels[levels.length - 1][0]) };
}

export function mintInclusionProof(tree: SideTree, index: number): InclusionProof {
  return {
    kind: 'reconciliation-inclusion',
    version: 1,
    side: sideOf(tree),
    leaf: leafOf(tree, index),
    path: tree.path(index).map((element) => toHex(element.hash)),
  };
}

export class KeyPresentError extends Error {
  constructor(readonly index: number) {
    super(`The key is in the side (leaf ${index}): mint an inclusion proof instead.`);
  }
}

export function mintAbsenceProof(tree: SideTree, key: Uint8Array): AbsenceProof {
  const base = { kind: 'reconciliation-absence', version: 1, side: sideOf(tree), key: toHex(key) } as const;
  const empty = { leftPath: [] as string[], rightPath: [] as string[], sharedPath: [] as string[] };
  if (tree.rowCount === 0) return { ...base, left: null, right: null, ...empty };
  const { found, index } = tree.find(key);
  if (found) throw new KeyPresentError(index);
  const full = (i: number) => tree.path(i).map((element) => toHex(element.hash));
  if (index === 0) return { ...base, left: null, right: leafOf(tree, 0), ...empty, rightPath: full(0) };
  if (index === tree.rowCount) return { ...base, left: leafOf(tree, index - 1), right: null, ...empty, leftPath: full(index - 1) };
  const left = index - 1;
  const right = index;
  let h = 1;
  while (Math.floor(left / 2 ** h) !== Math.floor(right / 2 ** h)) h++;
  const leftPath = tree.path(left);
  const rightPath = tree.path(right);
  return {
    ...base,
    left: leafOf(tree, left),
    right: leafOf(tree, right),
    leftPath: leftPath.filter((e) => e.level < h - 1).map((e) => toHex(e.hash)),
    rightPath: rightPath.filter((e) => e.level < h - 1).map((e) => toHex(e.hash)),
    sharedPath: leftPath.filter((e) => e.level >= h).map((e) => toHex(e.hash)),
  };
}

/** The canonical value text of a field, read back from a side record (the identity is not stored). */
export function storedFieldValue(record: Uint8Array, field: CommittedField): string {
  const view = readSideRecord(record, 0);
  const ascii = (offset: number, length: number) => String.fromCharCode(...record.subarray(offset, offset + length));
  switch (field) {
    case 'accountingDate':
      return `"${ascii(RECORD_ACCOUNTING_DATE, 10)}"`;
    case 'valueDate':
      return `"${ascii(RECORD_VALUE_DATE, 10)}"`;
    case 'currency':
      return `"${ascii(RECORD_CURRENCY, 3)}"`;
    case 'status':
      return `"${view.status}"`;
    case 'totalFen':
    case 'shareAFen':
    case 'shareBFen':
    case 'ratioBp':
      return String(view[field]);
    case 'identity':
      throw new RangeError('The identity is not stored in side records; it cannot differ between rows of one key.');
  }
}

/**
 * Both sides' rows of `key`, the field's commitments and paths; with `keys` (open mode), the salt
 * and both values too, so the proof shows what each bank wrote.
 */
export function mintFieldMismatchProof({
  a,
  b,
  key,
  field,
  keys,
}: {
  a: SideTree;
  b: SideTree;
  key: Uint8Array;
  field: CommittedField;
  keys?: PairKeys;
}): FieldMismatchProof {
  const f = COMMITTED_FIELDS.indexOf(field);
  const part = (tree: SideTree) => {
    const { found, index } = tree.find(key);
    if (!found) throw new RangeError(`The key is not in one of the sides; mint an absence proof.`);
    const record = tree.record(index);
    const commitments = commitmentsOf(record);
    const levels = fieldTreeLevels(commitments);
    return {
      record,
      proof: {
        side: sideOf(tree),
        index,
        fieldsRoot: toHex(levels[levels.length - 1][0]),
        path: tree.path(index).map((element) => toHex(element.hash)),
        commitment: toHex(commitments[f]),
        fieldPath: fieldTreePath(commitments, f).map(toHex),
      },
    };
  };
  const sideA = part(a);
  const sideB = part(b);
  const proof: FieldMismatchProof = { kind: 'reconciliation-field-mismatch', version: 1, key: toHex(key), field, a: sideA.proof, b: sideB.proof };
  if (keys) {
    proof.opening = {
      salt: toHex(fieldSalt(rowSeed(keys, key), f)),
      a: storedFieldValue(sideA.record, field),
      b: storedFieldValue(sideB.record, field),
    };
  }
  return proof;
}

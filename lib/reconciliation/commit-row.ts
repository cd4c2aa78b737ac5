// The reference commitment of one row (§3): matching key, per-field salts and commitments, the field
// tree and the row's leaf. Written for clarity with @noble/hashes; the ingest's batched path
// (commit-rows.ts) must give the same bytes, which commit-rows.test.ts checks.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hashLeaf } from '../proof/hash-leaf';
import { COMMITTED_FIELDS, FIELD_COUNT, canonicalFieldValue, matchKeyMessage, type ReconciliationRow } from './row-format';
import type { PairKeys } from './derive-pair-keys';
import { fieldTreeLevels } from './field-tree';

/** First byte of a row leaf: tells it apart from every other leaf Evident hashes. */
export const ROW_LEAF_VERSION = 0x11;
export const ROW_LEAF_LENGTH = 65;

export interface RowCommitment {
  key: Uint8Array;
  salts: Uint8Array[];
  values: Uint8Array[];
  commitments: Uint8Array[];
  fieldsRoot: Uint8Array;
  leafHash: Uint8Array;
}

export function matchKey(keys: PairKeys, row: Pick<ReconciliationRow, 'loanNumber' | 'transactionId' | 'type'>): Uint8Array {
  return hmac(sha256, keys.matchKey, matchKeyMessage(row));
}

/** HKDF-Expand(saltKey, key, 32): one HMAC block, T(1) = HMAC(saltKey, key ‖ 0x01). */
export function rowSeed(keys: PairKeys, key: Uint8Array): Uint8Array {
  const info = new Uint8Array(33);
  info.set(key);
  info[32] = 0x01;
  return hmac(sha256, keys.saltKey, info);
}

/** SHA-256(seed ‖ fieldIndex): revealing one field's salt reveals neither the seed nor another salt. */
export function fieldSalt(seed: Uint8Array, fieldIndex: number): Uint8Array {
  const input = new Uint8Array(33);
  input.set(seed);
  input[32] = fieldIndex;
  return sha256(input);
}

/** The field commitment is the RFC 9162 leaf hash of salt ‖ canonical value. */
export function commitField(salt: Uint8Array, value: Uint8Array): Uint8Array {
  const input = new Uint8Array(salt.length + value.length);
  input.set(salt);
  input.set(value, salt.length);
  return hashLeaf(input);
}

export function encodeRowLeaf(key: Uint8Array, fieldsRoot: Uint8Array): Uint8Array {
  const leaf = new Uint8Array(ROW_LEAF_LENGTH);
  leaf[0] = ROW_LEAF_VERSION;
  leaf.set(key, 1);
  leaf.set(fieldsRoot, 33);
  return leaf;
}

export function rowLeafHash(key: Uint8Array, fieldsRoot: Uint8Array): Uint8Array {
  return hashLeaf(encodeRowLeaf(key, fieldsRoot));
}

export function commitRow(keys: PairKeys, row: ReconciliationRow): RowCommitment {
  const key = matchKey(keys, row);
  const seed = rowSeed(keys, key);
  const salts = Array.from({ length: FIELD_COUNT }, (_, i) => fieldSalt(seed, i));
  const values = COMMITTED_FIELDS.map((field) => canonicalFieldValue(row, field));
  const commitments = values.map((value, i) => commitField(salts[i], value));
  const levels = fieldTreeLevels(commitments);
  const fieldsRoot = levels[levels.length - 1][0];
  return { key, salts, values, commitments, fieldsRoot, leafHash: rowLeafHash(key, fieldsRoot) };
}

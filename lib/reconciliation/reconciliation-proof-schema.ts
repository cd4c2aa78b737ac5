// The three proofs of v1 as JSON (§6): inclusion of a row in a side, absence of a key from a side,
// and a field that differs between the two sides' rows of one key. Strict: unknown members,
// upper-case hex and non-integer indices are malformed. Browser-safe.
import { z } from 'zod';
import { fromHex } from '../proof/hex';
import { parseStrictJson } from '../proof/parse-strict-json';
import { COMMITTED_FIELDS } from './row-format';

const hash = z.string().regex(/^0x[0-9a-f]{64}$/, 'a 32-byte hash as 0x and 64 lower-case hex digits');
const index = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const side = z.object({ root: hash, rowCount: index }).strict();
const leaf = z.object({ index, key: hash, fieldsRoot: hash }).strict();
const path = z.array(hash).max(64);

export const inclusionProofSchema = z
  .object({ kind: z.literal('reconciliation-inclusion'), version: z.literal(1), side, leaf, path })
  .strict();

export const absenceProofSchema = z
  .object({
    kind: z.literal('reconciliation-absence'),
    version: z.literal(1),
    side,
    key: hash,
    left: leaf.nullable(),
    right: leaf.nullable(),
    leftPath: path,
    rightPath: path,
    sharedPath: path,
  })
  .strict();

const mismatchSide = z
  .object({ side, index, fieldsRoot: hash, path, commitment: hash, fieldPath: z.array(hash).max(8) })
  .strict();

export const fieldMismatchProofSchema = z
  .object({
    kind: z.literal('reconciliation-field-mismatch'),
    version: z.literal(1),
    key: hash,
    field: z.enum(COMMITTED_FIELDS),
    a: mismatchSide,
    b: mismatchSide,
    opening: z.object({ salt: hash, a: z.string().max(512), b: z.string().max(512) }).strict().optional(),
  })
  .strict();

export type InclusionProof = z.infer<typeof inclusionProofSchema>;
export type AbsenceProof = z.infer<typeof absenceProofSchema>;
export type FieldMismatchProof = z.infer<typeof fieldMismatchProofSchema>;
export type ReconciliationProof = InclusionProof | AbsenceProof | FieldMismatchProof;

export const reconciliationProofSchema = z.discriminatedUnion('kind', [inclusionProofSchema, absenceProofSchema, fieldMismatchProofSchema]);

/** Strict JSON (a duplicate member at any depth is refused, as in certificates), then the schema. */
export function parseReconciliationProof(text: string): ReconciliationProof {
  return reconciliationProofSchema.parse(parseStrictJson(text, { maxDepth: 8 }));
}

export const hexBytes = (hex: string): Uint8Array => fromHex(hex, 32);

/**
 * The proof's content in bytes, as a binary encoding would carry it: 32 per hash, 8 per index or
 * count, 1 for a field id, and the opened values' UTF-8 bytes. JSON with hex is about twice this.
 */
export function proofContentBytes(proof: ReconciliationProof): number {
  const sideBytes = 32 + 8;
  const leafBytes = 8 + 32 + 32;
  if (proof.kind === 'reconciliation-inclusion') return sideBytes + leafBytes + 32 * proof.path.length;
  if (proof.kind === 'reconciliation-absence') {
    return (
      sideBytes + 32 + (proof.left ? leafBytes : 0) + (proof.right ? leafBytes : 0) +
      32 * (proof.leftPath.length + proof.rightPath.length + proof.sharedPath.length)
    );
  }
  const one = (s: FieldMismatchProof['a']) => sideBytes + 8 + 32 + 32 * s.path.length + 32 + 32 * s.fieldPath.length;
  const utf8 = new TextEncoder();
  const opening = proof.opening ? 32 + utf8.encode(proof.opening.a).length + utf8.encode(proof.opening.b).length : 0;
  return 32 + 1 + one(proof.a) + one(proof.b) + opening;
}

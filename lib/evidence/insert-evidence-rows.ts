// The one way evidence rows are written: a single multi-row INSERT over unnest()ed arrays, sent
// through pg, which PostgreSQL takes at tens of thousands of rows a second where row-by-row inserts
// (Prisma createMany included) manage a few thousand. It runs inside the caller's transaction and
// takes the ingest lock shared there first: sequences must be drawn while it is held, so the sealer
// can tell when every lower sequence has committed (lib/batches/get-sealable-watermark.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { INGEST_LOCK_KEY } from '../db/locks';
import type { PgTransaction } from '../db/with-pg-transaction';
import type { EvidenceKind, EvidenceType } from './evidence-schemas';

export interface EvidenceRowInput {
  sha256: Uint8Array;
  fileName: string;
  mediaType: string;
  size: number;
  /** Content-addressed storage key; null for records and bare hashes. */
  storageKey: string | null;
  evidenceType: EvidenceType | null;
  loanReference: string | null;
  borrowerReference: string | null;
  /** RFC 8785 JSON of a record (kind = record); null otherwise. */
  canonicalRecord: string | null;
  /** What the lender calls the item (portal uploads); the bulk API leaves it out. */
  title?: string | null;
  /** The borrower the item names, already resolved (lib/borrowers/resolve-borrower.ts). */
  borrowerId?: string | null;
}

export interface InsertedEvidenceRow {
  id: string;
  sequence: bigint;
  submittedAt: Date;
}

const SALT_BYTES = 32;

// Canonical records travel as one text joined by U+001E, split by string_to_array: RFC 8785 output
// escapes every control character, so the separator cannot occur inside a record, and this spares
// both ends the quoting of a JSON-heavy text[] literal (measured: 35 ms of a 10,000-row insert).
const RECORD_SEPARATOR = '\u001e';

// submitted_at comes back as epoch milliseconds: parsing 10,000 timestamp strings costs more than the rest of the result.
// The statement takes the ingest lock shared itself (an InitPlan, evaluated once before any row and so
// before any sequence is drawn; lib/batches/get-sealable-watermark.ts): a single-row request can then
// be one autocommit statement, with no BEGIN, lock and COMMIT round trips of its own.
const INSERT_SQL = `
  INSERT INTO evidence (id, sha256, salt, file_name, media_type, size, storage_key, organization_id, kind,
                        evidence_type, loan_reference, borrower_reference, canonical_record, title, borrower_id,
                        submitted_by_user_id)
  SELECT r.id, decode(r.sha256, 'hex'), decode(r.salt, 'hex'), r.file_name, r.media_type, r.size, r.storage_key,
         $12::uuid, $13::evidence_kind, r.evidence_type::evidence_type, r.loan_reference, r.borrower_reference,
         r.canonical_record, r.title, r.borrower_id, $16::uuid
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
              $9::text[], $10::text[], string_to_array($11::text, E'\\x1e'), $14::text[], $15::uuid[])
       WITH ORDINALITY AS r(id, sha256, salt, file_name, media_type, size, storage_key, evidence_type, loan_reference,
                            borrower_reference, canonical_record, title, borrower_id, n)
  WHERE (SELECT pg_advisory_xact_lock_shared($17::bigint)) IS NOT NULL
  ORDER BY r.n
  RETURNING id::text AS id, sequence::text AS sequence, (extract(epoch FROM submitted_at) * 1000)::bigint::text AS submitted_ms`;

/** Inserts the rows in order (their sequences ascend with it) and returns them in the same order. */
export async function insertEvidenceRows(
  tx: PgTransaction,
  {
    organizationId,
    kind,
    rows,
    submittedByUserId = null,
  }: { organizationId: string | null; kind: EvidenceKind; rows: EvidenceRowInput[]; submittedByUserId?: string | null },
): Promise<InsertedEvidenceRow[]> {
  if (rows.length === 0) return [];
  const records = rows.filter((row) => row.canonicalRecord !== null).length;
  if (records !== 0 && records !== rows.length) throw new Error('Rows of one insert either all carry a canonical record or none does.');
  const salts = randomBytes(SALT_BYTES * rows.length);
  const ids = rows.map(() => randomUUID());
  const { rows: inserted } = await tx.query<{ id: string; sequence: string; submitted_ms: string }>({
    // Named, so each connection parses and plans it once (a share of a single-record request's CPU).
    name: 'evident_insert_evidence',
    text: INSERT_SQL,
    values: [
    ids,
    rows.map((row) => hex(row.sha256)),
    rows.map((_, i) => salts.toString('hex', i * SALT_BYTES, (i + 1) * SALT_BYTES)),
    rows.map((row) => row.fileName),
    rows.map((row) => row.mediaType),
    rows.map((row) => String(row.size)),
    rows.map((row) => row.storageKey),
    rows.map((row) => row.evidenceType),
    rows.map((row) => row.loanReference),
    rows.map((row) => row.borrowerReference),
    records === 0 ? null : rows.map((row) => row.canonicalRecord).join(RECORD_SEPARATOR),
    organizationId,
    kind,
    rows.map((row) => row.title ?? null),
    rows.map((row) => row.borrowerId ?? null),
    submittedByUserId,
    INGEST_LOCK_KEY,
    ],
  });
  // RETURNING follows the insert order in practice, but SQL does not promise it: match by id.
  const byId = new Map(inserted.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id)!;
    return { id, sequence: BigInt(row.sequence), submittedAt: new Date(Number(row.submitted_ms)) };
  });
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

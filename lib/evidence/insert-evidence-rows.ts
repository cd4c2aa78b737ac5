// The one way evidence rows are written: a single multi-row INSERT over unnest()ed arrays, sent
// through pg, which PostgreSQL takes at tens of thousands of rows a second where row-by-row inserts
// (Prisma createMany included) manage a few thousand. It runs inside the caller's transaction and
// takes the ingest lock shared there first: sequences must be drawn while it is held, so the sealer
// can tell when every lower sequence has committed (lib/batches/get-sealable-watermark.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { INGEST_LOCK_KEY } from '../db/locks';
import { auditOutboxColumns, type AuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import { fixedStatement, runQuery } from '../db/sql';
import type { PgTransaction } from '../db/with-pg-transaction';
import type { EvidenceKind, EvidenceSource, EvidenceType } from './evidence-schemas';

export interface EvidenceRowInput {
  /** The new row's id, when the caller needs it before the insert (an audit entry naming it); else random. */
  id?: string;
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
  /** Where the item came from, as the lender's system stated it (sourceSchema). */
  source?: EvidenceSource | null;
  /** The request that brought the row, when rows of several requests share one insert; else the
   * insert's `submissionId`. */
  submissionId?: string;
}

/** How a request brought evidence in (provenance): one row per request, see the migration
 * 20261205091000_evidence_provenance. */
export interface Submission {
  id: string;
  organizationId: string | null;
  channel: 'portal' | 'api' | 'system';
  userId: string | null;
  apiKeyId: string | null;
  actorLabel: string;
  clientAddress: string | null;
  idempotencyKey: string | null;
}

/** The submission of a request by `viewer` (null: the platform itself, e.g. the demo seed). */
export function submissionOf(viewer: Viewer | null, idempotencyKey: string | null): Submission {
  const actor = viewer === null ? null : auditActorOf(viewer);
  return {
    id: randomUUID(),
    organizationId: actor?.organizationId ?? null,
    channel: viewer === null ? 'system' : viewer.kind === 'api-key' ? 'api' : 'portal',
    userId: actor?.userId ?? null,
    apiKeyId: viewer?.kind === 'api-key' ? viewer.apiKeyId : null,
    actorLabel: actor?.label ?? 'system',
    clientAddress: actor?.ipAddress ?? null,
    idempotencyKey,
  };
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
// before any sequence is drawn; lib/batches/get-sealable-watermark.ts): a request can then be one
// autocommit statement, with no BEGIN, lock and COMMIT round trips of its own. The same statement
// writes the requests' submissions (provenance) and their audit entries to the audit outbox, each
// entry stating the sequences of the rows it covers, so rows, provenance and audit commit together.
const INSERT_SQL = `
  WITH submitted AS (
    INSERT INTO submission (id, organization_id, channel, user_id, api_key_id, actor_label, client_address, idempotency_key)
    SELECT * FROM unnest($21::uuid[], $22::uuid[], $23::submission_channel[], $24::uuid[], $25::uuid[], $26::text[], $27::text[], $28::text[])
  ),
  inserted AS (
    INSERT INTO evidence (id, sha256, salt, file_name, media_type, size, storage_key, organization_id, kind,
                          evidence_type, loan_reference, borrower_reference, canonical_record, title, borrower_id,
                          submitted_by_user_id, submission_id, source)
    SELECT r.id, decode(r.sha256, 'hex'), decode(r.salt, 'hex'), r.file_name, r.media_type, r.size, r.storage_key,
           $12::uuid, $13::evidence_kind, r.evidence_type::evidence_type, r.loan_reference, r.borrower_reference,
           r.canonical_record, r.title, r.borrower_id, $16::uuid, coalesce(r.submission_id, $18::uuid), r.source
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
                $9::text[], $10::text[], string_to_array($11::text, E'\\x1e'), $14::text[], $15::uuid[], $19::uuid[], $20::jsonb[])
         WITH ORDINALITY AS r(id, sha256, salt, file_name, media_type, size, storage_key, evidence_type, loan_reference,
                              borrower_reference, canonical_record, title, borrower_id, submission_id, source, n)
    WHERE (SELECT pg_advisory_xact_lock_shared($17::bigint)) IS NOT NULL
    ORDER BY r.n
    RETURNING id, sequence, submitted_at
  ),
  audited AS (
    INSERT INTO audit_outbox (actor_user_id, actor_label, organization_id, action, target_type, target_id, ip_address, details)
    SELECT a.actor_user_id, a.actor_label, a.organization_id, a.action, a.target_type, a.target_id, a.ip_address,
           coalesce(a.details, '{}'::jsonb)
             || jsonb_build_object('count', s.count, 'firstSequence', s.first::text, 'lastSequence', s.last::text)
    FROM unnest($29::uuid[], $30::text[], $31::uuid[], $32::text[], $33::text[], $34::text[], $35::text[], $36::jsonb[])
         WITH ORDINALITY AS a(actor_user_id, actor_label, organization_id, action, target_type, target_id, ip_address, details, k)
    JOIN (SELECT m.k, count(*) AS count, min(i.sequence) AS first, max(i.sequence) AS last
          FROM inserted i JOIN unnest($1::uuid[], $37::int[]) AS m(id, k) ON m.id = i.id
          GROUP BY m.k) s ON s.k = a.k
  )
  SELECT id::text AS id, sequence::text AS sequence, (extract(epoch FROM submitted_at) * 1000)::bigint::text AS submitted_ms
  FROM inserted`;

/** An audit entry written with the rows it covers: `rows` consecutive rows of the insert, in order.
 * Its details get `count`, `firstSequence` and `lastSequence` of those rows. */
export interface RowsAudit {
  event: AuditEvent;
  rows: number;
}

/** Inserts the rows in order (their sequences ascend with it) and returns them in the same order. */
export async function insertEvidenceRows(
  tx: PgTransaction,
  {
    organizationId,
    kind,
    rows,
    submittedByUserId = null,
    submissionId = null,
    submissions = [],
    audits = [],
  }: {
    organizationId: string | null;
    kind: EvidenceKind;
    rows: EvidenceRowInput[];
    submittedByUserId?: string | null;
    /** The submission of every row that does not name its own. */
    submissionId?: string | null;
    /** Submissions to write with the rows (those the rows name, unless written before). */
    submissions?: Submission[];
    /** Audit entries to write to the outbox with the rows, in row order. */
    audits?: RowsAudit[];
  },
): Promise<InsertedEvidenceRow[]> {
  if (rows.length === 0) return [];
  const records = rows.filter((row) => row.canonicalRecord !== null).length;
  if (records !== 0 && records !== rows.length) throw new Error('Rows of one insert either all carry a canonical record or none does.');
  const covered = audits.reduce((sum, audit) => sum + audit.rows, 0);
  if (covered > rows.length || audits.some((audit) => audit.rows < 1)) throw new Error('Each audit covers one or more of the rows, in order.');
  const salts = randomBytes(SALT_BYTES * rows.length);
  const ids = rows.map((row) => row.id ?? randomUUID());
  const auditIndex = audits.length === 0 ? null : audits.flatMap((audit, k) => Array<number>(audit.rows).fill(k + 1));
  const auditColumns = auditOutboxColumns(audits.map((audit) => audit.event));
  const statement = fixedStatement<{ id: string; sequence: string; submitted_ms: string }>(INSERT_SQL, [
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
    submissionId,
    // Multi-array unnest() pads a NULL array with NULLs: most inserts send neither per-row column.
    rows.some((row) => row.submissionId) ? rows.map((row) => row.submissionId ?? null) : null,
    rows.some((row) => row.source) ? rows.map((row) => (row.source ? JSON.stringify(row.source) : null)) : null,
    submissions.map((s) => s.id),
    submissions.map((s) => s.organizationId),
    submissions.map((s) => s.channel),
    submissions.map((s) => s.userId),
    submissions.map((s) => s.apiKeyId),
    submissions.map((s) => s.actorLabel),
    submissions.map((s) => s.clientAddress),
    submissions.map((s) => s.idempotencyKey),
    ...auditColumns,
    auditIndex,
  ]);
  // Named, so each connection parses and plans it once (a share of a single-record request's CPU).
  const inserted = await runQuery(tx, statement, { name: 'evident_insert_evidence' });
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

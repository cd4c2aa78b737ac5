// The shape of one evidence item as pages and the API show it. Status is derived from the batch
// that covers the item's sequence: none yet = pending, final = anchored, anything between = anchoring.
import type { z } from 'zod';
import type { evidenceViewSchema } from './evidence-schemas';
import { BATCH_OF_EVIDENCE_JOIN } from '../batches/batch-of-evidence';
import { expressionBuilder, sql, type BatchTable, type EvidenceTable, type Expression, type RawBuilder, type SqlBool } from '../db/sql';

export type EvidenceView = z.infer<typeof evidenceViewSchema>;
export type EvidenceStatus = EvidenceView['status'];

export interface EvidenceRow {
  id: string;
  sequence: bigint;
  kind: EvidenceView['kind'];
  evidence_type: EvidenceView['type'];
  loan_reference: string | null;
  borrower_reference: string | null;
  file_name: string;
  media_type: string;
  size: bigint;
  sha256: Uint8Array;
  submitted_at: Date;
  batch_id: string | null;
  batch_status: 'sealed' | 'signed' | 'broadcast' | 'included' | 'final' | null;
  root: Uint8Array | null;
  chain_id: bigint | null;
  contract_address: string | null;
  tx_hash: string | null;
  block_number: bigint | null;
  block_time: bigint | null;
  anchored_at: Date | null;
}

/** Columns for EvidenceRow; the lateral join finds the batch whose range covers the sequence. */
const EVIDENCE_ROW_SELECT = sql`
  SELECT e.id::text AS id, e.sequence, e.kind::text AS kind, e.evidence_type::text AS evidence_type,
         e.loan_reference, e.borrower_reference, e.file_name, e.media_type, e.size, e.sha256, e.submitted_at,
         b.id::text AS batch_id, b.status::text AS batch_status, b.root, b.chain_id, b.contract_address,
         b.tx_hash, b.block_number, b.block_time, b.anchored_at
  FROM evidence e${BATCH_OF_EVIDENCE_JOIN}`;

/** Typed conditions on evidence `e` and its covering batch `b` (and subqueries on `batch`), for evidenceRowsWhere. */
export const evidenceWithBatch = expressionBuilder<{ e: EvidenceTable; b: BatchTable; batch: BatchTable }, 'e' | 'b'>();

/** The query for EvidenceRows of evidence `e` (joined to its batch `b`) meeting `where`, then
 * `rest` (ORDER BY, LIMIT), if any. */
export function evidenceRowsWhere(where: Expression<SqlBool>, rest: RawBuilder<unknown> = sql``): RawBuilder<EvidenceRow> {
  return sql<EvidenceRow>`${EVIDENCE_ROW_SELECT} WHERE ${where} ${rest}`;
}

export function toEvidenceView(
  row: EvidenceRow,
  toHex: (b: Uint8Array) => string,
  { publicBaseUrl = '' }: { publicBaseUrl?: string } = {},
): EvidenceView {
  const anchored = row.batch_status === 'final';
  return {
    id: row.id,
    sequence: row.sequence.toString(),
    kind: row.kind,
    type: row.evidence_type,
    loanReference: row.loan_reference,
    borrowerReference: row.borrower_reference,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: toHex(row.sha256),
    submittedAt: row.submitted_at.toISOString(),
    status: row.batch_status === null ? 'pending' : anchored ? 'anchored' : 'anchoring',
    batchId: row.batch_id,
    certificateUrl: anchored ? `${publicBaseUrl}/api/v1/evidence/${row.id}/certificate` : null,
    anchor: anchored
      ? {
          batchId: row.batch_id!,
          root: toHex(row.root!),
          chainId: row.chain_id!.toString(),
          contract: row.contract_address!,
          txHash: row.tx_hash!,
          blockNumber: row.block_number!.toString(),
          blockTime: row.block_time!.toString(),
          anchoredAt: row.anchored_at!.toISOString(),
        }
      : null,
  };
}

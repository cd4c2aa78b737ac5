// Which batch holds an evidence item. A batch holds the rows of one organization (its lane) in its
// sequence range; batches sealed before lanes existed (spans_organizations) hold every row in
// theirs. Ranges of different organizations overlap, so every lookup names the lane.
import type { Prisma } from '../db/generated/client';
import { sql, type RawBuilder, type SqlBool } from '../db/sql';

/**
 * SQL joining each evidence row `e` to its batch `b` (null columns while pending): the lane's
 * latest batch starting at or before the row, if its range reaches the row.
 */
/** SQL: batch `b` is of the lane of evidence row `e` (sequence ranges aside). */
export const BATCH_LANE_MATCHES = sql<SqlBool>`(b.organization_id = e.organization_id
  OR (b.organization_id IS NULL AND e.organization_id IS NULL) OR b.spans_organizations)`;

export const BATCH_OF_EVIDENCE_JOIN = sql`
  LEFT JOIN LATERAL (
    SELECT * FROM batch b
    WHERE b.first_sequence <= e.sequence AND ${BATCH_LANE_MATCHES}
    ORDER BY b.first_sequence DESC LIMIT 1
  ) b ON b.last_sequence >= e.sequence`;

/** The Prisma filter for the batch holding the row with this sequence and organization. */
export function batchOfEvidenceWhere(evidence: { sequence: bigint; organizationId: string | null }): Prisma.BatchWhereInput {
  return {
    firstSequence: { lte: evidence.sequence },
    lastSequence: { gte: evidence.sequence },
    OR: [{ organizationId: evidence.organizationId }, { spansOrganizations: true }],
  };
}

/**
 * SQL selecting the rows of one organization's lane (evidence rows, or its batches);
 * `IS NULL` and `=` both use the (organization_id, …) indexes.
 */
export function laneCondition(organizationId: string | null): RawBuilder<SqlBool> {
  return organizationId === null ? sql<SqlBool>`organization_id IS NULL` : sql<SqlBool>`organization_id = ${organizationId}::uuid`;
}

/** SQL selecting the evidence rows a batch's leaves come from (its lane, or every row for a batch
 * that spans organizations); sequence ranges aside. */
export function batchRowsCondition(batch: { organizationId: string | null; spansOrganizations?: boolean }): RawBuilder<SqlBool> {
  return batch.spansOrganizations ? sql<SqlBool>`TRUE` : laneCondition(batch.organizationId);
}

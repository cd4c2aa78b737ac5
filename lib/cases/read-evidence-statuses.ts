// The notarization status (pending, anchoring, anchored) of evidence items, derived as everywhere
// else from the batch whose sequence range covers each item.
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { runQuery, sql } from '../db/sql';
import { BATCH_OF_EVIDENCE_JOIN } from '../batches/batch-of-evidence';
import type { EvidenceStatus } from '../evidence/evidence-view';

export async function readEvidenceStatuses(
  db: PrismaClient | Prisma.TransactionClient,
  evidenceIds: string[],
): Promise<Map<string, EvidenceStatus>> {
  if (evidenceIds.length === 0) return new Map();
  const rows = await runQuery(
    db,
    sql<{ id: string; batch_status: string | null }>`
    SELECT e.id::text AS id, b.status::text AS batch_status
    FROM evidence e ${BATCH_OF_EVIDENCE_JOIN}
    WHERE e.id = ANY(${evidenceIds}::uuid[])`,
  );
  return new Map(
    rows.map((row) => [row.id, row.batch_status === null ? 'pending' : row.batch_status === 'final' ? 'anchored' : 'anchoring'] as const),
  );
}

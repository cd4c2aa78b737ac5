// The notarization status (pending, anchoring, anchored) of evidence items, derived as everywhere
// else from the batch whose sequence range covers each item.
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import type { EvidenceStatus } from '../evidence/evidence-view';

export async function readEvidenceStatuses(
  db: PrismaClient | Prisma.TransactionClient,
  evidenceIds: string[],
): Promise<Map<string, EvidenceStatus>> {
  if (evidenceIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: string; batch_status: string | null }>>`
    SELECT e.id::text AS id, b.status::text AS batch_status
    FROM evidence e
    LEFT JOIN LATERAL (
      SELECT status, last_sequence FROM batch WHERE batch.first_sequence <= e.sequence ORDER BY batch.first_sequence DESC LIMIT 1
    ) b ON b.last_sequence >= e.sequence
    WHERE e.id = ANY(${evidenceIds}::uuid[])`;
  return new Map(
    rows.map((row) => [row.id, row.batch_status === null ? 'pending' : row.batch_status === 'final' ? 'anchored' : 'anchoring'] as const),
  );
}

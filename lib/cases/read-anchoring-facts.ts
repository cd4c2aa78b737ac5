// What an arbitrator reads beside each item of a case: its current certificate's serial, and the
// block and time its batch was anchored (final batches only; an item still on its way has none).
import type { PrismaClient } from '../db/client';
import { runQuery, sql } from '../db/sql';
import { BATCH_OF_EVIDENCE_JOIN } from '../batches/batch-of-evidence';

export interface AnchoringFacts {
  certificateSerial: string | null;
  certificateRevoked: boolean;
  blockNumber: string | null;
  anchoredAt: Date | null;
}

export async function readAnchoringFacts(prisma: PrismaClient, evidenceIds: string[]): Promise<Map<string, AnchoringFacts>> {
  if (evidenceIds.length === 0) return new Map();
  const [anchors, certificates] = await Promise.all([
    runQuery(
      prisma,
      sql<{ id: string; batch_status: string | null; block_number: bigint | null; anchored_at: Date | null }>`
      SELECT e.id::text AS id, b.status::text AS batch_status, b.block_number, b.anchored_at
      FROM evidence e ${BATCH_OF_EVIDENCE_JOIN}
      WHERE e.id = ANY(${evidenceIds}::uuid[])`,
    ),
    // The current certificate: earlier ones were superseded when the item was anchored again.
    prisma.certificate.findMany({
      where: { evidenceId: { in: evidenceIds }, supersededBy: null },
      orderBy: { issuedAt: 'desc' },
      select: { serial: true, evidenceId: true, revokedAt: true },
    }),
  ]);
  const facts = new Map<string, AnchoringFacts>();
  for (const row of anchors) {
    const final = row.batch_status === 'final';
    facts.set(row.id, {
      certificateSerial: null,
      certificateRevoked: false,
      blockNumber: final && row.block_number !== null ? row.block_number.toString() : null,
      anchoredAt: final ? row.anchored_at : null,
    });
  }
  for (const certificate of certificates) {
    const item = facts.get(certificate.evidenceId);
    if (item && item.certificateSerial === null) {
      item.certificateSerial = certificate.serial;
      item.certificateRevoked = certificate.revokedAt !== null;
    }
  }
  return facts;
}

// The most recently submitted evidence, newest first, for the home page.
import type { PrismaClient } from '../db/client';
import { toHex } from '../hex';
import { EVIDENCE_ROW_SELECT, toEvidenceView, type EvidenceRow, type EvidenceView } from './evidence-view';

export async function listRecentEvidence({ prisma, limit = 50 }: { prisma: PrismaClient; limit?: number }): Promise<EvidenceView[]> {
  const rows = await prisma.$queryRawUnsafe<EvidenceRow[]>(
    `${EVIDENCE_ROW_SELECT} ORDER BY e.sequence DESC LIMIT $1`,
    Math.min(Math.max(limit, 1), 500),
  );
  return rows.map((row) => toEvidenceView(row, toHex));
}

// One evidence item with its derived status and anchor, or EvidenceNotFoundError.
import type { PrismaClient } from '../db/client';
import { EvidenceNotFoundError } from '../errors';
import { toHex } from '../hex';
import { isUuid } from '../ids';
import { EVIDENCE_ROW_SELECT, toEvidenceView, type EvidenceRow, type EvidenceView } from './evidence-view';

export async function getEvidence({ prisma, evidenceId }: { prisma: PrismaClient; evidenceId: string }): Promise<EvidenceView> {
  if (!isUuid(evidenceId)) throw new EvidenceNotFoundError(evidenceId);
  const rows = await prisma.$queryRawUnsafe<EvidenceRow[]>(`${EVIDENCE_ROW_SELECT} WHERE e.id = $1::uuid`, evidenceId);
  if (rows.length === 0) throw new EvidenceNotFoundError(evidenceId);
  return toEvidenceView(rows[0], toHex);
}

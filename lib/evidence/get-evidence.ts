// One evidence item with its derived status and anchor, or EvidenceNotFoundError. `visibleTo` scopes
// the read: an organization sees only its own evidence, and an anonymous API caller only evidence
// that no organization submitted (web uploads); without it (server-rendered pages) any id is found.
import type { PrismaClient } from '../db/client';
import { EvidenceNotFoundError } from '../errors';
import { toHex } from '../hex';
import { isUuid } from '../ids';
import { EVIDENCE_ROW_SELECT, toEvidenceView, type EvidenceRow, type EvidenceView } from './evidence-view';

export async function getEvidence({
  prisma,
  evidenceId,
  visibleTo,
  publicBaseUrl,
}: {
  prisma: PrismaClient;
  evidenceId: string;
  visibleTo?: { organizationId: string | null };
  publicBaseUrl?: string;
}): Promise<EvidenceView> {
  if (!isUuid(evidenceId)) throw new EvidenceNotFoundError(evidenceId);
  const rows =
    visibleTo === undefined
      ? await prisma.$queryRawUnsafe<EvidenceRow[]>(`${EVIDENCE_ROW_SELECT} WHERE e.id = $1::uuid`, evidenceId)
      : await prisma.$queryRawUnsafe<EvidenceRow[]>(
          `${EVIDENCE_ROW_SELECT} WHERE e.id = $1::uuid AND e.organization_id IS NOT DISTINCT FROM $2::uuid`,
          evidenceId,
          visibleTo.organizationId,
        );
  // Another organization's evidence is "not found", not "forbidden": its existence is not revealed.
  if (rows.length === 0) throw new EvidenceNotFoundError(evidenceId);
  return toEvidenceView(rows[0], toHex, { publicBaseUrl });
}

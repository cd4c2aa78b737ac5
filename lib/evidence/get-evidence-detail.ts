// One evidence item as the lender portal's detail page shows it: the item and its anchor
// (getEvidence, which authorizes and scopes it to the viewer), plus what the page adds around it:
// title, borrower, when its batch was sealed, and the certificate once one was issued.
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { EvidenceView } from './evidence-view';
import { getEvidence } from './get-evidence';
import { readEvidenceProvenance, type EvidenceProvenance } from './read-evidence-provenance';

export interface EvidenceDetail extends EvidenceView {
  title: string | null;
  borrowerName: string | null;
  borrowerIdentifierHint: string | null;
  sealedAt: string | null;
  certificate: { serial: string; issuedAt: string; revokedAt: string | null } | null;
  provenance: EvidenceProvenance;
}

export async function getEvidenceDetail({
  prisma,
  viewer,
  evidenceId,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  evidenceId: string;
}): Promise<EvidenceDetail> {
  const view = await getEvidence({ prisma, viewer, evidenceId });
  const [extra, batch] = await Promise.all([
    prisma.evidence.findUniqueOrThrow({
      where: { id: view.id },
      select: {
        id: true,
        title: true,
        borrower: { select: { name: true, identifierHint: true } },
        submissionId: true,
        submittedByUserId: true,
        submittedAt: true,
        source: true,
        // The current certificate; earlier ones were superseded when the item was anchored again.
        certificates: {
          where: { supersededBy: null },
          orderBy: { issuedAt: 'desc' },
          take: 1,
          select: { serial: true, issuedAt: true, revokedAt: true },
        },
      },
    }),
    view.batchId === null ? null : prisma.batch.findUnique({ where: { id: view.batchId }, select: { sealedAt: true } }),
  ]);
  const provenance = await readEvidenceProvenance(prisma, [extra]);
  return {
    ...view,
    title: extra.title,
    provenance: provenance.get(extra.id)!,
    borrowerName: extra.borrower?.name ?? null,
    borrowerIdentifierHint: extra.borrower?.identifierHint ?? null,
    sealedAt: batch?.sealedAt.toISOString() ?? null,
    certificate: extra.certificates[0]
      ? {
          serial: extra.certificates[0].serial,
          issuedAt: extra.certificates[0].issuedAt.toISOString(),
          revokedAt: extra.certificates[0].revokedAt?.toISOString() ?? null,
        }
      : null,
  };
}

// One evidence item as the lender portal's detail page shows it: the item and its anchor
// (getEvidence, which authorizes and scopes it to the viewer), plus what the page adds around it:
// title, borrower, when its batch was sealed, and the certificate once one was issued.
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { EvidenceView } from './evidence-view';
import { getEvidence } from './get-evidence';

export interface EvidenceDetail extends EvidenceView {
  title: string | null;
  borrowerName: string | null;
  sealedAt: string | null;
  certificate: { serial: string; issuedAt: string; revokedAt: string | null } | null;
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
        title: true,
        borrower: { select: { name: true } },
        certificate: { select: { serial: true, issuedAt: true, revokedAt: true } },
      },
    }),
    view.batchId === null ? null : prisma.batch.findUnique({ where: { id: view.batchId }, select: { sealedAt: true } }),
  ]);
  return {
    ...view,
    title: extra.title,
    borrowerName: extra.borrower?.name ?? null,
    sealedAt: batch?.sealedAt.toISOString() ?? null,
    certificate: extra.certificate
      ? {
          serial: extra.certificate.serial,
          issuedAt: extra.certificate.issuedAt.toISOString(),
          revokedAt: extra.certificate.revokedAt?.toISOString() ?? null,
        }
      : null,
  };
}

// The signed JSON certificate of an evidence item, for a viewer who may see the item (lender,
// named borrower, commission of a case holding it). Each download is in the audit log; the
// certificate serial is what makes the public by-serial routes public, the evidence id is not.
import { recordAuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { getEvidence } from '../evidence/get-evidence';
import type { Certificate } from '../proof/certificate-schema';
import { issueCertificate } from './issue-certificate';
import type { Issuer } from './load-issuer';

export async function downloadEvidenceCertificate({
  prisma,
  viewer,
  evidenceId,
  issuer,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  evidenceId: string;
  issuer: Issuer;
}): Promise<Certificate> {
  await getEvidence({ prisma, viewer, evidenceId });
  const certificate = await issueCertificate({ prisma, evidenceId, issuer });
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'certificate.download',
    targetType: 'evidence',
    targetId: evidenceId,
    details: { serial: certificate.serial, format: 'json' },
  });
  return certificate;
}

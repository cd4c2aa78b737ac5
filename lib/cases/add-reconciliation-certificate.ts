// A lender adds a reconciliation certificate of one of its co-lending pairs to one of its own open
// arbitration cases (filed or under review): the commission then verifies it with the case's
// evidence ("Verify all") and finds it in the case's evidence package. The certificate is issued
// first if it was never downloaded (issueBreakCertificate), so the one added is the one stored.
// Another organization's case or pair is simply not found; adding one twice changes nothing.
import { chainAuditOutboxAfterCommit, enqueueAuditEntries } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { CaseClosedToAdditionsError, CaseNotFoundError } from '../errors';
import { isUuid } from '../ids';
import { issueBreakCertificate, type BreakCertificateProof } from '../reconciliation/issue-break-certificate';

export async function addReconciliationCertificate({
  prisma,
  viewer,
  caseId,
  pairId,
  businessDate,
  ordinal,
  proof,
  storageDir,
  keySecret,
  issuer,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  pairId: string;
  businessDate: string;
  ordinal: number;
  proof?: BreakCertificateProof;
  storageDir: string;
  keySecret: string;
  issuer: Issuer;
}): Promise<{ serial: string; caseNumber: string; added: boolean }> {
  authorize(viewer, 'case.file');
  if (viewer.kind !== 'staff') throw new Error('authorize(case.file) admits staff only');
  if (!isUuid(caseId)) throw new CaseNotFoundError(caseId);
  const found = await prisma.arbitrationCase.findFirst({ where: { id: caseId, lenderOrganizationId: viewer.organizationId } });
  if (!found) throw new CaseNotFoundError(caseId);
  if (found.status !== 'filed' && found.status !== 'under_review') {
    throw new CaseClosedToAdditionsError(found.caseNumber, found.status);
  }
  const certificate = await issueBreakCertificate({ prisma, viewer, pairId, businessDate, ordinal, proof, storageDir, keySecret, issuer });
  const added = await prisma.$transaction(async (tx) => {
    const inserted = await tx.caseReconciliationCertificate.createMany({ data: [{ caseId, serial: certificate.serial }], skipDuplicates: true });
    if (inserted.count === 0) return false;
    await enqueueAuditEntries(tx, [
      {
        actor: auditActorOf(viewer),
        action: 'case.reconciliation_certificate_add',
        targetType: 'case',
        targetId: caseId,
        details: { caseNumber: found.caseNumber, serial: certificate.serial, pairId: certificate.pair.id, businessDate, class: certificate.class },
      },
    ]);
    return true;
  });
  await chainAuditOutboxAfterCommit(prisma);
  return { serial: certificate.serial, caseNumber: found.caseNumber, added };
}

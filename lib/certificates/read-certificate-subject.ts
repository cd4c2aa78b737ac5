// What a format version 3 certificate signs about its evidence item besides the proof
// (docs/proof-format.md section 15): the submitting organization, title, type, loan reference and
// borrower (name and masked identifier), and how it arrived (channel and the lender's `source`).
// Read once, when a serial is first issued, and frozen in the certificate record. The client address,
// the sending user and the Idempotency-Key are left out: anyone with the serial can read a certificate.
import type { PrismaClient } from '../db/client';
import type { Evidence } from '../db/generated/client';
import { readEvidenceProvenance } from '../evidence/read-evidence-provenance';
import type { Certificate } from '../proof/certificate-schema';

export type CertificateSubject = NonNullable<Certificate['subject']>;
export type CertificateProvenance = NonNullable<Certificate['provenance']>;

export async function readCertificateSubject(
  prisma: PrismaClient,
  evidence: Evidence,
): Promise<{ subject: CertificateSubject; provenance: CertificateProvenance }> {
  const [organization, borrower, provenance] = await Promise.all([
    evidence.organizationId
      ? prisma.organization.findUnique({ where: { id: evidence.organizationId }, select: { id: true, name: true } })
      : null,
    evidence.borrowerId
      ? prisma.borrower.findUnique({ where: { id: evidence.borrowerId }, select: { name: true, identifierHint: true } })
      : null,
    readEvidenceProvenance(prisma, [evidence]),
  ]);
  const { channel, source } = provenance.get(evidence.id)!;
  return {
    subject: {
      organization: organization ? { id: organization.id, name: organization.name } : null,
      title: evidence.title || null,
      evidenceType: evidence.evidenceType ?? null,
      loanReference: evidence.loanReference || null,
      borrower: borrower ? { name: borrower.name, identifierHint: borrower.identifierHint || null } : null,
    },
    provenance: { channel, source: source ?? null },
  };
}

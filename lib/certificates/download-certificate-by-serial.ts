// The signed JSON certificate a serial number names, for anyone who has the serial (the QR code on a
// PDF links to it): the serial is the capability, so no viewer check. Each download is in the audit
// log as certificate.download of its evidence item, like the downloads by evidence id.
import { recordAuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import type { Certificate } from '../proof/certificate-schema';
import { issueCertificateBySerial } from './issue-certificate-by-serial';
import type { Issuer } from './load-issuer';

export async function downloadCertificateBySerial({
  prisma,
  viewer,
  serial,
  issuer,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  serial: string;
  issuer: Issuer;
}): Promise<Certificate> {
  const certificate = await issueCertificateBySerial({ prisma, serial, issuer });
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'certificate.download',
    targetType: 'evidence',
    targetId: certificate.evidence.id,
    details: { serial: certificate.serial, format: 'json' },
  });
  return certificate;
}

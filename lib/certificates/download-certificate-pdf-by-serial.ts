// The PDF certificate a serial number names, for anyone who has the serial (the serial is the
// capability, as for the JSON). Each download is in the audit log as certificate.download of its
// evidence item, like the downloads by evidence id.
import { recordAuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { CertificateNotFoundError } from '../errors';
import { renderEvidenceDocument, type PdfDocument } from './certificate-documents';
import type { Issuer } from './load-issuer';

export async function downloadCertificatePdfBySerial({
  prisma,
  viewer,
  serial,
  issuer,
  publicBaseUrl,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  serial: string;
  issuer: Issuer;
  publicBaseUrl: string;
}): Promise<PdfDocument> {
  const record = await prisma.certificate.findUnique({ where: { serial }, select: { evidenceId: true } });
  if (!record) throw new CertificateNotFoundError(serial);
  const document = await renderEvidenceDocument({ prisma, issuer, publicBaseUrl, kind: 'certificate', evidenceId: record.evidenceId });
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'certificate.download',
    targetType: 'evidence',
    targetId: record.evidenceId,
    details: { serial, fileName: document.fileName, format: 'pdf' },
  });
  return document;
}

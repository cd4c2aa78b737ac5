// The PDF certificate a serial number names, for anyone who has the serial (the serial is the
// capability, as for the JSON). Each download is in the audit log as certificate.download of its
// evidence item, like the downloads by evidence id.
import { recordAuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { CertificateNotFoundError, CertificateSupersededError } from '../errors';
import { renderEvidenceDocument, type PdfDocument } from './certificate-documents';
import { CERTIFICATE_SERIAL_PATTERN } from '../proof/certificate-schema';
import type { Issuer } from './load-issuer';
import type { DocumentOperator } from './pdf-legal-page';

export async function downloadCertificatePdfBySerial({
  prisma,
  viewer,
  serial,
  issuer,
  publicBaseUrl,
  operator,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  serial: string;
  issuer: Issuer;
  publicBaseUrl: string;
  /** The operator's statements and seal for the legal page (documentOperatorOf(config)). */
  operator?: DocumentOperator;
}): Promise<PdfDocument> {
  // Only a well-formed serial reaches the database (a NUL in the path was a 500 from PostgreSQL).
  if (!CERTIFICATE_SERIAL_PATTERN.test(serial)) throw new CertificateNotFoundError(serial);
  const record = await prisma.certificate.findUnique({ where: { serial }, select: { evidenceId: true, supersededBy: true } });
  if (!record) throw new CertificateNotFoundError(serial);
  // Its anchor no longer counts, and the serial never names a document with other anchor data.
  if (record.supersededBy) throw new CertificateSupersededError(serial, record.supersededBy);
  const document = await renderEvidenceDocument({ prisma, issuer, publicBaseUrl, kind: 'certificate', evidenceId: record.evidenceId, operator });
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'certificate.download',
    targetType: 'evidence',
    targetId: record.evidenceId,
    details: { serial, fileName: document.fileName, format: 'pdf' },
  });
  return document;
}

// The PDF certificate or proof receipt of an evidence item, for a viewer who may see the item.
// Each download is in the audit log (certificate.download or receipt.download).
import { recordAuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { getEvidence } from '../evidence/get-evidence';
import { renderEvidenceDocument, type DocumentKind, type PdfDocument } from './certificate-documents';
import type { Issuer } from './load-issuer';
import type { DocumentOperator } from './pdf-legal-page';

export async function downloadEvidenceDocument({
  prisma,
  viewer,
  evidenceId,
  kind,
  issuer,
  publicBaseUrl,
  operator,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  evidenceId: string;
  kind: DocumentKind;
  issuer: Issuer;
  publicBaseUrl: string;
  /** The operator's statements and seal for the legal page (documentOperatorOf(config)). */
  operator?: DocumentOperator;
}): Promise<PdfDocument> {
  await getEvidence({ prisma, viewer, evidenceId });
  const document = await renderEvidenceDocument({ prisma, issuer, publicBaseUrl, kind, evidenceId, operator });
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: kind === 'receipt' ? 'receipt.download' : 'certificate.download',
    targetType: 'evidence',
    targetId: evidenceId,
    details: { fileName: document.fileName, format: 'pdf' },
  });
  return document;
}

// The PDF documents issued for an anchored evidence item: the certificate (存证证书) and the
// borrower's proof receipt (存证回执). Both carry the signed JSON certificate as an attachment and
// a QR code that opens /verify?cert=<serial> on this deployment.
// What they say about the item is the certificate's signed content only (format version 3), never
// read from the database beside it.
import type { PrismaClient } from '../db/client';
import type { Certificate } from '../proof/certificate-schema';
import { issueCertificate } from './issue-certificate';
import type { Issuer } from './load-issuer';
import { NO_OPERATOR, type DocumentOperator } from './pdf-legal-page';
import { renderCertificatePdf } from './render-certificate-pdf';
import { renderReceiptPdf } from './render-receipt-pdf';

export interface PdfDocument {
  bytes: Uint8Array;
  fileName: string;
}

export type DocumentKind = 'certificate' | 'receipt';

export async function renderEvidenceDocument({
  prisma,
  issuer,
  publicBaseUrl,
  kind,
  evidenceId,
  operator = NO_OPERATOR,
}: {
  prisma: PrismaClient;
  issuer: Issuer;
  publicBaseUrl: string;
  kind: DocumentKind;
  evidenceId: string;
  /** The operator's configured statements and seal image (config.operatorStatements, config.operatorSealImage). */
  operator?: DocumentOperator;
}): Promise<PdfDocument> {
  const certificate = await issueCertificate({ prisma, evidenceId, issuer });
  return renderCertificateDocument({ certificate, publicBaseUrl, kind, operator });
}

/** The PDF of an already issued certificate. */
export async function renderCertificateDocument({
  certificate,
  publicBaseUrl,
  kind,
  operator = NO_OPERATOR,
}: {
  certificate: Certificate;
  publicBaseUrl: string;
  kind: DocumentKind;
  operator?: DocumentOperator;
}): Promise<PdfDocument> {
  const verifyUrl = `${publicBaseUrl}/verify?cert=${encodeURIComponent(certificate.serial)}`;
  if (kind === 'receipt') {
    return {
      bytes: await renderReceiptPdf({ certificate, verifyUrl, operator }),
      fileName: `evident-receipt-${certificate.serial}.pdf`,
    };
  }
  return {
    bytes: await renderCertificatePdf({ certificate, verifyUrl, operator }),
    fileName: `evident-certificate-${certificate.serial}.pdf`,
  };
}

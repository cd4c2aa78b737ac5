// The PDF documents issued for an anchored evidence item: the certificate (存证证书) and the
// borrower's proof receipt (存证回执). Both carry the signed JSON certificate as an attachment and
// a QR code that opens /verify?cert=<serial> on this deployment.
import type { PrismaClient } from '../db/client';
import en from '../i18n/messages/en/common.json';
import zh from '../i18n/messages/zh-CN/common.json';
import type { Certificate } from './certificate-schema';
import { issueCertificate } from './issue-certificate';
import type { Issuer } from './load-issuer';
import { renderCertificatePdf } from './render-certificate-pdf';
import { renderReceiptPdf, type ReceiptDisplay } from './render-receipt-pdf';

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
}: {
  prisma: PrismaClient;
  issuer: Issuer;
  publicBaseUrl: string;
  kind: DocumentKind;
  evidenceId: string;
}): Promise<PdfDocument> {
  const certificate = await issueCertificate({ prisma, evidenceId, issuer });
  return render(certificate, kind, publicBaseUrl, await readDisplay(prisma, certificate.evidence.id));
}

/** What the documents print beside the signed data: who submitted it, its title and type (both
 * languages, as on the whole document), and the borrower the receipt is addressed to. */
async function readDisplay(prisma: PrismaClient, evidenceId: string): Promise<ReceiptDisplay> {
  const evidence = await prisma.evidence.findUnique({
    where: { id: evidenceId },
    select: { title: true, evidenceType: true, organizationId: true, borrower: { select: { name: true } } },
  });
  if (!evidence) return {};
  const organization = evidence.organizationId
    ? await prisma.organization.findUnique({ where: { id: evidence.organizationId }, select: { name: true } })
    : null;
  return {
    lender: organization?.name,
    title: evidence.title ?? undefined,
    evidenceType: evidence.evidenceType ? `${zh.evidenceType[evidence.evidenceType]} ${en.evidenceType[evidence.evidenceType]}` : undefined,
    borrowerName: evidence.borrower?.name,
  };
}

async function render(certificate: Certificate, kind: DocumentKind, publicBaseUrl: string, display: ReceiptDisplay): Promise<PdfDocument> {
  const verifyUrl = `${publicBaseUrl}/verify?cert=${encodeURIComponent(certificate.serial)}`;
  if (kind === 'receipt') {
    return {
      bytes: await renderReceiptPdf({ certificate, display, verifyUrl }),
      fileName: `evident-receipt-${certificate.serial}.pdf`,
    };
  }
  return {
    bytes: await renderCertificatePdf({ certificate, display, verifyUrl }),
    fileName: `evident-certificate-${certificate.serial}.pdf`,
  };
}

// The certificate JSON carried inside the PDF certificate and receipt as a file attachment, so a PDF
// verifies on its own. Its name and bytes are fixed here for both the renderers and the extractor.
import { AFRelationship, type PDFDocument } from 'pdf-lib';
import type { Certificate } from './certificate-schema';

export const CERTIFICATE_ATTACHMENT_NAME_PATTERN = /^evident-certificate-[^/\\]+\.json$/;

export function certificateAttachmentName(serial: string): string {
  return `evident-certificate-${serial}.json`;
}

/** Exactly the bytes of the certificate's JSON download: two-space indentation and a final newline. */
export function certificateJsonBytes(certificate: Certificate): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(certificate, null, 2) + '\n');
}

export async function attachCertificateJson(pdfDoc: PDFDocument, certificate: Certificate): Promise<void> {
  const issuedAt = new Date(certificate.issuedAt);
  await pdfDoc.attach(certificateJsonBytes(certificate), certificateAttachmentName(certificate.serial), {
    mimeType: 'application/json',
    description: `Evident certificate ${certificate.serial} (machine-readable; verify with npx evident-verify)`,
    creationDate: issuedAt,
    modificationDate: issuedAt,
    // The JSON is the same certificate in machine-readable form (PDF/A-3 associated-file relationship).
    afRelationship: AFRelationship.Alternative,
  });
}

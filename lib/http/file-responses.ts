// Download responses for certificates and PDFs, with names the user's browser will keep.
import type { Certificate } from '../certificates/certificate-schema';
import { certificateFileName } from '../certificates/certificate-schema';
import type { PdfDocument } from '../certificates/certificate-documents';

export function certificateJsonResponse(certificate: Certificate): Response {
  return new Response(JSON.stringify(certificate, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${certificateFileName(certificate)}"`,
    },
  });
}

export function pdfResponse(document: PdfDocument): Response {
  return new Response(new Uint8Array(document.bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${document.fileName}"`,
    },
  });
}

// Download responses for certificates, PDFs and CSV exports, with names the user's browser will keep.
import type { Certificate } from '../proof/certificate-schema';
import { certificateFileName } from '../proof/certificate-schema';
import type { PdfDocument } from '../certificates/certificate-documents';
import { downloadHeaders } from './attachment-disposition';
import {
  reconciliationCertificateBytes,
  reconciliationCertificateFileName,
  type ReconciliationCertificate,
} from '../reconciliation/reconciliation-certificate';

export function certificateJsonResponse(certificate: Certificate): Response {
  return new Response(JSON.stringify(certificate, null, 2) + '\n', {
    headers: downloadHeaders({ fileName: certificateFileName(certificate), contentType: 'application/json; charset=utf-8' }),
  });
}

/** A reconciliation certificate as issued: the exact stored bytes, so every download is identical. */
export function reconciliationCertificateResponse(certificate: ReconciliationCertificate): Response {
  return new Response(new Uint8Array(reconciliationCertificateBytes(certificate)), {
    headers: downloadHeaders({ fileName: reconciliationCertificateFileName(certificate), contentType: 'application/json; charset=utf-8' }),
  });
}

export function pdfResponse(document: PdfDocument): Response {
  return new Response(new Uint8Array(document.bytes), {
    headers: downloadHeaders({ fileName: document.fileName, contentType: 'application/pdf' }),
  });
}

/** A CSV export streamed as it is produced (the audit log, the lender's evidence list). */
export function csvResponse(csv: { fileName: string; chunks: AsyncIterable<string> }): Response {
  return streamedFileResponse({ ...csv, contentType: 'text/csv; charset=utf-8' });
}

/** A text file streamed as it is produced, chunk by chunk (CSV exports, a day's break list). */
export function streamedFileResponse(file: { fileName: string; contentType: string; chunks: AsyncIterable<string> }): Response {
  const encoder = new TextEncoder();
  const iterator = file.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { headers: downloadHeaders({ fileName: file.fileName, contentType: file.contentType }) });
}

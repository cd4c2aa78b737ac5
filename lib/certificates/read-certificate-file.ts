// Reads a certificate from the bytes of a file a user or system handed in: the JSON proof bundle
// itself, or a PDF certificate/receipt carrying it as an attachment. Isomorphic (browser, CLI, API).
import { DomainError } from '../errors';
import { extractCertificateFromPdf } from './extract-certificate-from-pdf';

export class CertificateFileError extends DomainError {
  readonly code = 'invalid-certificate-file';
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

export async function readCertificateFile(bytes: Uint8Array): Promise<unknown> {
  if (bytes.length === 0) throw new CertificateFileError('The certificate file is empty.');
  if (PDF_MAGIC.every((b, i) => bytes[i] === b)) return extractCertificateFromPdf(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CertificateFileError('The certificate file is neither JSON nor a PDF.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CertificateFileError('The certificate file is not valid JSON (and not a PDF).');
  }
}

// Reads a certificate from the bytes of a file a user or system handed in: the JSON proof bundle
// itself, or a PDF certificate/receipt carrying it as an attachment. Isomorphic (browser, CLI, API).
import { DomainError } from './domain-error';
import { CERTIFICATE_PDF_PROBLEMS, extractCertificateFromPdf } from './extract-certificate-from-pdf';

export const CERTIFICATE_FILE_PROBLEMS = ['empty', 'not-json-or-pdf', 'invalid-json'] as const;
export type CertificateFileProblem = (typeof CERTIFICATE_FILE_PROBLEMS)[number];

/** Every reason a certificate file cannot be read (CertificateFileError's and CertificatePdfError's
 * `problem`); the portal has a sentence for each in verify.unreadableReasons. */
export const UNREADABLE_CERTIFICATE_PROBLEMS = [...CERTIFICATE_FILE_PROBLEMS, ...CERTIFICATE_PDF_PROBLEMS] as const;

export class CertificateFileError extends DomainError {
  readonly code = 'invalid-certificate-file';
  readonly params: Record<string, string> = {};
  constructor(
    readonly problem: CertificateFileProblem,
    message: string,
  ) {
    super(message);
  }
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** The certificate's JSON text, from a JSON file or a PDF's attachment. Syntax is checked here (an
 * unreadable file is the caller's error); the certificate's meaning is for parseCertificate. */
export async function readCertificateFile(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new CertificateFileError('empty', 'The certificate file is empty.');
  if (PDF_MAGIC.every((b, i) => bytes[i] === b)) return extractCertificateFromPdf(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CertificateFileError('not-json-or-pdf', 'The certificate file is neither JSON nor a PDF.');
  }
  try {
    JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    throw new CertificateFileError('invalid-json', 'The certificate file is not valid JSON (and not a PDF).');
  }
  return text;
}

// Reads the certificate JSON out of a PDF certificate or receipt: the embedded file named
// `evident-certificate-*.json` in the document's EmbeddedFiles name tree. Isomorphic (browser, CLI,
// API): pdf-lib only, no Node imports. Returns the parsed JSON unvalidated; callers parse it with
// certificate-schema like a JSON upload.
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
import { DomainError } from './domain-error';
import { CERTIFICATE_ATTACHMENT_NAME_PATTERN } from './pdf-certificate-attachment';

/** Why a PDF gave no certificate, for front ends that say it in the reader's language (the portal's
 * verify.unreadableReasons); the English message says the same. */
export const CERTIFICATE_PDF_PROBLEMS = [
  'not-pdf',
  'corrupt',
  'several-certificates',
  'no-certificate',
  'attachment-not-json',
  'attachment-not-decompressible',
  'attachment-not-utf8',
] as const;
export type CertificatePdfProblem = (typeof CERTIFICATE_PDF_PROBLEMS)[number];

export class CertificatePdfError extends DomainError {
  readonly code = 'invalid-certificate-pdf';
  constructor(
    readonly problem: CertificatePdfProblem,
    message: string,
    /** The values the message names (attachment names, counts). */
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }
}

const PDF_HEADER = '%PDF-';
// The header may follow a little leading junk (ISO 32000-1 §7.5.2 is read liberally by viewers).
const HEADER_SEARCH_BYTES = 1024;
// Name trees are shallow in practice; the bound stops reference cycles and hostile nesting.
const MAX_NAME_TREE_DEPTH = 32;

/** The embedded certificate's text (JSON, not yet parsed: verifiers parse it strictly). A PDF with
 * more than one certificate attachment is refused: which one it certifies would be ambiguous. */
export async function extractCertificateFromPdf(bytes: Uint8Array): Promise<string> {
  if (!hasPdfHeader(bytes)) {
    throw new CertificatePdfError('not-pdf', 'The file is not a PDF: it does not start with the %PDF- header.');
  }
  const pdfDoc = await loadPdf(bytes);
  const attachments = findCertificateAttachments(pdfDoc);
  if (attachments.length > 1) {
    throw new CertificatePdfError(
      'several-certificates',
      `The PDF carries ${attachments.length} certificate attachments (${attachments.map((a) => a.name).join(', ')}); ` +
        'an Evident PDF carries exactly one, so it is not clear which one it certifies.',
      { count: String(attachments.length), names: attachments.map((a) => a.name).join(', ') },
    );
  }
  const attachment = attachments[0];
  if (!attachment) {
    throw new CertificatePdfError(
      'no-certificate',
      'The PDF carries no Evident certificate: it has no embedded file named evident-certificate-<serial>.json. ' +
        'Use the certificate or receipt PDF issued by Evident, or the certificate JSON file itself.',
    );
  }
  const text = decodeAttachment(attachment);
  try {
    JSON.parse(text);
  } catch {
    throw new CertificatePdfError('attachment-not-json', `The PDF's embedded certificate ${attachment.name} is not valid JSON.`, { name: attachment.name });
  }
  return text;
}

interface EmbeddedFile {
  name: string;
  stream: PDFRawStream;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, HEADER_SEARCH_BYTES)));
  return head.includes(PDF_HEADER);
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  let pdfDoc: PDFDocument;
  try {
    // Strict about malformed objects: pdf-lib would otherwise guess around them (and log to the
    // console). Encryption is ignored because the name tree stays readable; an encrypted
    // attachment then fails to decode below with its own message.
    pdfDoc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    throw corrupt('it could not be parsed');
  }
  // pdf-lib recovers objects even without a cross-reference table; a truncated file then lacks its trailer.
  if (!(pdfDoc.context.trailerInfo.Root && pdfDoc.context.lookup(pdfDoc.context.trailerInfo.Root) instanceof PDFDict)) {
    throw corrupt('it has no document catalog');
  }
  return pdfDoc;
}

function corrupt(reason: string): CertificatePdfError {
  return new CertificatePdfError('corrupt', `The PDF is truncated or corrupt: ${reason}. Upload the complete file as downloaded.`);
}

function findCertificateAttachments(pdfDoc: PDFDocument): EmbeddedFile[] {
  const { context } = pdfDoc;
  const catalog = context.lookup(context.trailerInfo.Root);
  const names = catalog instanceof PDFDict ? catalog.lookup(PDFName.of('Names')) : undefined;
  const embeddedFiles = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
  if (!(embeddedFiles instanceof PDFDict)) return [];

  const found: EmbeddedFile[] = [];
  const visited = new Set<PDFDict>();
  const walk = (node: PDFDict, depth: number): void => {
    if (depth > MAX_NAME_TREE_DEPTH || visited.has(node)) return;
    visited.add(node);
    const entries = node.lookup(PDFName.of('Names'));
    if (entries instanceof PDFArray) {
      for (let i = 0; i + 1 < entries.size(); i += 2) {
        const file = embeddedFile(entries.lookup(i), entries.lookup(i + 1));
        if (file) found.push(file);
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (let i = 0; i < kids.size(); i++) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) walk(kid, depth + 1);
      }
    }
  };
  walk(embeddedFiles, 0);
  return found;
}

/** The entry's file if its tree key or its file specification's name matches the certificate pattern. */
function embeddedFile(key: PDFObject | undefined, value: PDFObject | undefined): EmbeddedFile | undefined {
  if (!(value instanceof PDFDict)) return undefined;
  const names = [key, value.lookup(PDFName.of('UF')), value.lookup(PDFName.of('F'))].map(textOf);
  const name = names.find((candidate) => candidate !== undefined && CERTIFICATE_ATTACHMENT_NAME_PATTERN.test(candidate));
  if (!name) return undefined;
  const streams = value.lookup(PDFName.of('EF'));
  if (!(streams instanceof PDFDict)) return undefined;
  const stream = streams.lookup(PDFName.of('UF')) ?? streams.lookup(PDFName.of('F'));
  // A loaded document holds every stream as raw bytes plus its filters.
  return stream instanceof PDFRawStream ? { name, stream } : undefined;
}

function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

function decodeAttachment({ name, stream }: EmbeddedFile): string {
  let bytes: Uint8Array;
  try {
    bytes = decodePDFRawStream(stream).decode();
  } catch {
    throw new CertificatePdfError('attachment-not-decompressible', `The PDF's embedded certificate ${name} could not be decompressed: the PDF is corrupt.`, { name });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CertificatePdfError('attachment-not-utf8', `The PDF's embedded certificate ${name} is not UTF-8 text, so it is not certificate JSON.`, { name });
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { parseCertificate, type Certificate } from './certificate-schema';
import { CertificatePdfError, extractCertificateFromPdf } from './extract-certificate-from-pdf';
import { attachCertificateJson, certificateAttachmentName, certificateJsonBytes } from './pdf-certificate-attachment';
import { renderCertificatePdf } from '../certificates/render-certificate-pdf';

const certificate: Certificate = parseCertificate(
  readFileSync(path.resolve(__dirname, '__fixtures__/pdf-sample.certificate.json'), 'utf8'),
);
const attachmentName = certificateAttachmentName(certificate.serial);

async function rejection(bytes: Uint8Array): Promise<CertificatePdfError> {
  const error = await extractCertificateFromPdf(bytes).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CertificatePdfError);
  expect(error).toBeInstanceOf(DomainError);
  const pdfError = error as CertificatePdfError;
  expect(pdfError.code).toBe('invalid-certificate-pdf');
  expect(pdfError.name).toBe('CertificatePdfError');
  // A sentence for a person, not a parser trace.
  expect(pdfError.message).not.toMatch(/\n|\bat \w+ \(|offset|line:/);
  return pdfError;
}

async function pdfWith(attach: (pdfDoc: PDFDocument) => Promise<void> | void, { useObjectStreams = true } = {}): Promise<Uint8Array> {
  const pdfDoc = await PDFDocument.create();
  pdfDoc.addPage();
  await attach(pdfDoc);
  return pdfDoc.save({ useObjectStreams });
}

describe('extractCertificateFromPdf', () => {
  let rendered: Uint8Array;

  beforeAll(async () => {
    rendered = await renderCertificatePdf({ certificate, verifyUrl: 'https://evident.example.cn/verify' });
  });

  it('returns the certificate embedded in a rendered certificate PDF', async () => {
    expect(JSON.parse(await extractCertificateFromPdf(rendered))).toEqual(certificate);
  });

  it('refuses a PDF with two certificate attachments: which one it certifies would be ambiguous', async () => {
    const other = { ...certificate, serial: 'EVD-0000-0000-0000-0001' } as Certificate;
    const bytes = await pdfWith(async (pdfDoc) => {
      await attachCertificateJson(pdfDoc, certificate);
      await attachCertificateJson(pdfDoc, other);
    });
    const error = await rejection(bytes);
    expect(error.message).toMatch(/carries 2 certificate attachments/);
    expect(error).toMatchObject({ problem: 'several-certificates', params: { count: '2' } });
  });

  it('reads the attachment with or without object streams (FlateDecode either way)', async () => {
    for (const useObjectStreams of [true, false]) {
      const bytes = await pdfWith((pdfDoc) => attachCertificateJson(pdfDoc, certificate), { useObjectStreams });
      expect(JSON.parse(await extractCertificateFromPdf(bytes))).toEqual(certificate);
    }
  });

  it('walks a nested name tree (Kids and Names), UTF-16 keys and other stream filters, as other tools write them', async () => {
    const bytes = await pdfWith(
      (pdfDoc) => {
        const context = pdfDoc.context;
        const fileSpec = (name: string, stream: PDFRawStream): PDFRef =>
          context.register(context.obj({ Type: 'Filespec', F: PDFString.of(name), UF: PDFHexString.fromText(name), EF: { F: context.register(stream) } }));
        const hex = new TextEncoder().encode(Buffer.from(certificateJsonBytes(certificate)).toString('hex') + '>');
        const certificateStream = PDFRawStream.of(context.obj({ Type: 'EmbeddedFile', Filter: 'ASCIIHexDecode' }), hex);
        const readme = context.stream(new TextEncoder().encode('{"not":"this one"}'), { Type: 'EmbeddedFile' });
        const firstLeaf = context.obj({
          Limits: [PDFString.of('a.json'), PDFString.of('a.json')],
          Names: [PDFString.of('a.json'), fileSpec('evident-notes.json', readme)],
        });
        const secondLeaf = context.obj({ Names: [PDFHexString.fromText(attachmentName), fileSpec(attachmentName, certificateStream)] });
        const middle = context.obj({ Kids: [context.register(secondLeaf)] });
        const root = context.obj({ Kids: [context.register(firstLeaf), context.register(middle)] });
        pdfDoc.catalog.set(PDFName.of('Names'), context.obj({ EmbeddedFiles: context.register(root) }));
      },
      { useObjectStreams: false },
    );
    expect(JSON.parse(await extractCertificateFromPdf(bytes))).toEqual(certificate);
  });

  it('finds the file by its file specification name when the tree key differs', async () => {
    const bytes = await pdfWith((pdfDoc) => {
      const context = pdfDoc.context;
      const stream = context.flateStream(certificateJsonBytes(certificate), { Type: 'EmbeddedFile' });
      const spec = context.register(context.obj({ Type: 'Filespec', UF: PDFHexString.fromText(attachmentName), EF: { UF: context.register(stream) } }));
      pdfDoc.catalog.set(PDFName.of('Names'), context.obj({ EmbeddedFiles: { Names: [PDFString.of('1'), spec] } }));
    });
    expect(JSON.parse(await extractCertificateFromPdf(bytes))).toEqual(certificate);
  });

  it('rejects bytes that are not a PDF', async () => {
    const random = new Uint8Array(4096);
    crypto.getRandomValues(random);
    random.set(new TextEncoder().encode('JUNK'));
    expect((await rejection(random)).message).toMatch(/not a PDF/);
    expect((await rejection(random)).problem).toBe('not-pdf');
    expect((await rejection(new Uint8Array())).message).toMatch(/not a PDF/);
    expect((await rejection(certificateJsonBytes(certificate))).message).toMatch(/not a PDF/);
  });

  it('rejects a truncated PDF', async () => {
    expect((await rejection(rendered.subarray(0, Math.floor(rendered.length / 2)))).message).toMatch(/truncated or corrupt/);
    expect((await rejection(rendered.subarray(0, 200))).message).toMatch(/truncated or corrupt/);
    expect((await rejection(rendered.subarray(0, 200))).problem).toBe('corrupt');
  });

  it('rejects a valid PDF without the certificate attachment', async () => {
    const plain = await pdfWith(() => undefined);
    expect((await rejection(plain)).message).toMatch(/no embedded file named evident-certificate-<serial>\.json/);
    const otherAttachment = await pdfWith((pdfDoc) => pdfDoc.attach(certificateJsonBytes(certificate), 'certificate.json', { mimeType: 'application/json' }));
    expect((await rejection(otherAttachment)).message).toMatch(/no embedded file named/);
    expect((await rejection(otherAttachment)).problem).toBe('no-certificate');
  });

  it('rejects an attachment that is not JSON', async () => {
    const notJson = await pdfWith((pdfDoc) => pdfDoc.attach(new TextEncoder().encode('{"format": "evident.certificate",'), attachmentName));
    expect((await rejection(notJson)).message).toBe(`The PDF's embedded certificate ${attachmentName} is not valid JSON.`);
    const binary = await pdfWith((pdfDoc) => pdfDoc.attach(new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), attachmentName));
    expect((await rejection(binary)).message).toMatch(/is not UTF-8 text/);
    expect(await rejection(binary)).toMatchObject({ problem: 'attachment-not-utf8', params: { name: attachmentName } });
    expect(await rejection(notJson)).toMatchObject({ problem: 'attachment-not-json', params: { name: attachmentName } });
  });

  it('stops at a name tree that refers to itself', async () => {
    const cyclic = await pdfWith((pdfDoc) => {
      const context = pdfDoc.context;
      const node = context.obj({});
      const ref = context.register(node);
      node.set(PDFName.of('Kids'), context.obj([ref]));
      pdfDoc.catalog.set(PDFName.of('Names'), context.obj({ EmbeddedFiles: ref }));
    });
    expect((await rejection(cyclic)).message).toMatch(/no embedded file named/);
  });
});

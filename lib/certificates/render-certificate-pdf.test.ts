import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate, type Certificate } from './certificate-schema';
import { extractCertificateFromPdf } from './extract-certificate-from-pdf';
import { certificateJsonBytes } from './pdf-certificate-attachment';
import {
  assertPdfToolsInstalled,
  decodeQrCodes,
  pdfAttachments,
  pdfPageCount,
  pdfText,
  renderFirstPage,
  writeTempPdf,
} from './pdf-test-tools';
import { renderCertificatePdf } from './render-certificate-pdf';

const certificate: Certificate = parseCertificate(
  readFileSync(path.resolve(__dirname, '__fixtures__/pdf-sample.certificate.json'), 'utf8'),
);
const display = { lender: '中国工商银行股份有限公司杭州分行', title: '个人消费借款合同（张三）', evidenceType: '借款合同 Loan contract' };
const verifyUrl = `https://evident.example.cn/verify?cert=${certificate.serial}`;

/** pdftotext -layout spreads wide CJK text with spaces; compare without any whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('renderCertificatePdf', () => {
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    assertPdfToolsInstalled();
    bytes = await renderCertificatePdf({ certificate, display, verifyUrl });
    file = writeTempPdf(bytes, `evident-certificate-${certificate.serial}.pdf`);
  });

  it('is one A4 page well under 1 MB', () => {
    expect(pdfPageCount(file)).toBe(1);
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
    expect(bytes.length).toBeLessThan(150 * 1024);
  });

  it('prints the bilingual labels and every key value as extractable text', () => {
    const text = pdfText(file);
    const flat = squeeze(text);
    for (const label of [
      '电子数据存证证书',
      'ELECTRONIC EVIDENCE CERTIFICATE',
      '证书编号',
      'Certificate No.',
      '签发方',
      'Issuer',
      '提交方',
      'Submitter',
      '证据名称',
      '证据类型',
      'Evidence type',
      '文件名',
      '文件大小',
      '提交时间',
      'Submitted at',
      '上链时间',
      'Anchored at',
      '区块高度',
      'Block number',
      '交易哈希',
      'Transaction hash',
      '链 ID',
      'Chain ID',
      'Contract',
      '锚定成员',
      'Anchoring member',
      'Merkle root',
      '核验方法',
      'How to verify',
      'npx evident-verify',
    ]) {
      expect(flat).toContain(squeeze(label));
    }
    for (const value of [
      certificate.serial,
      certificate.evidence.sha256,
      certificate.anchor.txHash,
      certificate.anchor.contract,
      certificate.anchor.submitter,
      certificate.proof.root,
      certificate.issuer.address,
      certificate.evidence.fileName,
    ]) {
      expect(text).toContain(value);
    }
    expect(text).toMatch(/Block number\s+1048576/);
    expect(flat).toContain(squeeze(display.lender));
    expect(flat).toContain(squeeze(display.title));
    expect(flat).toContain(squeeze(certificate.issuer.name));
    expect(text).toContain('1,284,566');
    // Times in China Standard Time: submitted 2025-12-31T23:59:30Z, block 1767225600 = 2026-01-01T00:00:00Z.
    expect(text).toContain('2026-01-01 07:59:30 (UTC+8)');
    expect(text).toContain('2026-01-01 08:00:00 (UTC+8)');
  });

  it('carries a QR code that decodes to the verify URL', () => {
    expect(decodeQrCodes(renderFirstPage(file))).toEqual([verifyUrl]);
  });

  it('embeds the certificate JSON byte for byte, readable by poppler and by extractCertificateFromPdf', async () => {
    const { names, first } = pdfAttachments(file);
    expect(names).toEqual([`evident-certificate-${certificate.serial}.json`]);
    expect(new TextDecoder().decode(first)).toBe(JSON.stringify(certificate, null, 2) + '\n');
    expect(first).toEqual(certificateJsonBytes(certificate));
    expect(await extractCertificateFromPdf(bytes)).toEqual(certificate);
  });

  it('sets the document metadata from the certificate, so the same certificate renders to the same bytes', async () => {
    const again = await renderCertificatePdf({ certificate, display, verifyUrl });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(loaded.getCreator()).toBe('Evident');
    expect(loaded.getTitle()).toContain(certificate.serial);
    expect(loaded.getSubject()).toContain(certificate.evidence.sha256);
    expect(loaded.getCreationDate()?.toISOString()).toBe(certificate.issuedAt);
  });

  it('prints a dash for absent display fields and says when the certificate is unsigned', async () => {
    const { signature: _, ...unsigned } = certificate;
    const pdf = await renderCertificatePdf({ certificate: unsigned, display: {}, verifyUrl });
    const text = pdfText(writeTempPdf(pdf, 'unsigned.pdf'));
    expect(text).toMatch(/Submitter\s+—/);
    expect(text).toMatch(/Title\s+—/);
    expect(text).toMatch(/Evidence type\s+—/);
    expect(text).toContain('Unsigned');
  });

  it('reads a millisecond block timestamp (FISCO BCOS before 3.12) as the same instant', async () => {
    const millis = { ...certificate, anchor: { ...certificate.anchor, blockTime: '1767225600000' } };
    const text = pdfText(writeTempPdf(await renderCertificatePdf({ certificate: millis, display, verifyUrl }), 'ms.pdf'));
    expect(text).toContain('2026-01-01 08:00:00 (UTC+8)');
  });

  it('keeps the longest inputs on one page, clipped, with the QR code still readable', async () => {
    const long = '超长名称Ｗ'.repeat(80) + ' averyveryverylongwordwithoutanyspaces'.repeat(8);
    const longCertificate = {
      ...certificate,
      issuer: { ...certificate.issuer, name: long.slice(0, 200) },
      evidence: { ...certificate.evidence, fileName: `${long}.pdf`, mediaType: long },
    };
    const pdf = await renderCertificatePdf({
      certificate: longCertificate,
      display: { lender: long, title: long, evidenceType: long },
      verifyUrl,
    });
    const longFile = writeTempPdf(pdf, 'long.pdf');
    expect(pdfPageCount(longFile)).toBe(1);
    expect(pdfText(longFile)).toContain('…');
    expect(decodeQrCodes(renderFirstPage(longFile))).toEqual([verifyUrl]);
    expect(await extractCertificateFromPdf(pdf)).toEqual(longCertificate);
  });
});

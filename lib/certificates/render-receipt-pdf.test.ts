import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate, type Certificate } from './certificate-schema';
import { extractCertificateFromPdf } from './extract-certificate-from-pdf';
import {
  assertPdfToolsInstalled,
  decodeQrCodes,
  pdfAttachments,
  pdfPageCount,
  pdfText,
  renderFirstPage,
  writeTempPdf,
} from './pdf-test-tools';
import { renderReceiptPdf } from './render-receipt-pdf';

const certificate: Certificate = parseCertificate(
  readFileSync(path.resolve(__dirname, '__fixtures__/pdf-sample.certificate.json'), 'utf8'),
);
const display = {
  borrowerName: '张三',
  lender: '中国工商银行股份有限公司杭州分行',
  title: '个人消费借款合同（张三）',
  evidenceType: '借款合同 Loan contract',
};
const verifyUrl = `https://evident.example.cn/verify?cert=${certificate.serial}`;

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('renderReceiptPdf', () => {
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    assertPdfToolsInstalled();
    bytes = await renderReceiptPdf({ certificate, display, verifyUrl });
    file = writeTempPdf(bytes, `evident-receipt-${certificate.serial}.pdf`);
  });

  it('is one page well under 1 MB', () => {
    expect(pdfPageCount(file)).toBe(1);
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
  });

  it('tells the borrower what was notarized, by whom, when, and how to check it', () => {
    const text = pdfText(file);
    const flat = squeeze(text);
    for (const label of [
      '存证回执',
      'PROOF RECEIPT',
      '证书编号',
      '致',
      '存证内容',
      'What was notarized',
      '证据名称',
      '证据类型',
      '文件名',
      '文件指纹',
      'SHA-256',
      '由谁、何时存证',
      'By whom and when',
      '提交方',
      'Submitted by',
      '存证机构',
      'Notarized by',
      '提交时间',
      '上链时间',
      'Anchored at',
      '区块高度',
      'Block number',
      '交易哈希',
      '如何核验',
      'How to check it',
      'npx evident-verify',
    ]) {
      expect(flat).toContain(squeeze(label));
    }
    for (const value of [certificate.serial, certificate.evidence.sha256, certificate.anchor.txHash, certificate.evidence.fileName]) {
      expect(text).toContain(value);
    }
    expect(text).toMatch(/Block number\s+1048576/);
    for (const value of [display.borrowerName, display.lender, display.title, display.evidenceType, certificate.issuer.name]) {
      expect(flat).toContain(squeeze(value));
    }
    expect(text).toContain('2026-01-01 07:59:30 (UTC+8)');
    expect(text).toContain('2026-01-01 08:00:00 (UTC+8)');
  });

  it('carries a QR code that decodes to the verify URL', () => {
    expect(decodeQrCodes(renderFirstPage(file))).toEqual([verifyUrl]);
  });

  it('embeds the same certificate JSON, so the receipt verifies on its own', async () => {
    const { names, first } = pdfAttachments(file);
    expect(names).toEqual([`evident-certificate-${certificate.serial}.json`]);
    expect(new TextDecoder().decode(first)).toBe(JSON.stringify(certificate, null, 2) + '\n');
    expect(await extractCertificateFromPdf(bytes)).toEqual(certificate);
  });

  it('prints a dash for absent display fields', async () => {
    const text = pdfText(writeTempPdf(await renderReceiptPdf({ certificate, display: {}, verifyUrl }), 'bare.pdf'));
    expect(text).toMatch(/To\s+—/);
    expect(text).toMatch(/Title\s+—/);
    expect(text).toMatch(/Submitted by\s+—/);
  });

  it('keeps the longest inputs on one page', async () => {
    const long = '超长名称Ｗ'.repeat(80) + ' averyveryverylongwordwithoutanyspaces'.repeat(8);
    const pdf = await renderReceiptPdf({
      certificate: { ...certificate, issuer: { ...certificate.issuer, name: long.slice(0, 200) }, evidence: { ...certificate.evidence, fileName: long } },
      display: { borrowerName: long, lender: long, title: long, evidenceType: long },
      verifyUrl,
    });
    const longFile = writeTempPdf(pdf, 'long-receipt.pdf');
    expect(pdfPageCount(longFile)).toBe(1);
    expect(decodeQrCodes(renderFirstPage(longFile))).toEqual([verifyUrl]);
  });
});

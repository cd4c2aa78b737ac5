import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../proof/certificate-schema';
import { extractCertificateFromPdf } from '../proof/extract-certificate-from-pdf';
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
import { LONGEST_PROVENANCE, LONGEST_SUBJECT, pdfSampleV1, SAMPLE_SUBJECT, signedV3Sample } from '../testing/pdf-sample-certificates';

const verifyUrl = `https://evident.example.cn/verify?cert=${pdfSampleV1.serial}`;
let certificate: Certificate;

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('renderReceiptPdf', () => {
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    assertPdfToolsInstalled();
    certificate = await signedV3Sample();
    bytes = await renderReceiptPdf({ certificate, verifyUrl });
    file = writeTempPdf(bytes, `evident-receipt-${certificate.serial}.pdf`);
  });

  it('is two pages (the receipt, then the legal basis) well under 1 MB', () => {
    expect(pdfPageCount(file)).toBe(2);
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
    for (const value of [
      SAMPLE_SUBJECT.borrower!.name,
      SAMPLE_SUBJECT.organization!.name,
      SAMPLE_SUBJECT.title!,
      '借款合同 Loan contract',
      SAMPLE_SUBJECT.loanReference!,
      certificate.issuer.name,
      '均为签发方签名的证书内容',
      '四、提交渠道与来源',
      '五、法律依据',
      '《人民法院在线诉讼规则》第十六条至第十九条',
      '《最高人民法院关于互联网法院审理案件若干问题的规定》第十一条第二款',
      '本回执所载数据由签发方以电子签名（EIP-712）签署',
      '《中华人民共和国电子签名法》第十三条、第十四条',
    ]) {
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
    expect(JSON.parse(await extractCertificateFromPdf(bytes))).toEqual(certificate);
  });

  it('prints a dash for null subject fields', async () => {
    const nulls = await signedV3Sample({
      subject: { organization: null, title: null, evidenceType: null, loanReference: null, borrower: null },
      provenance: { channel: 'portal', source: null },
    });
    const text = pdfText(writeTempPdf(await renderReceiptPdf({ certificate: nulls, verifyUrl }), 'bare.pdf'));
    expect(text).toMatch(/To\s+—/);
    expect(text).toMatch(/Title\s+—/);
    expect(text).toMatch(/Submitted by\s+—/);
  });

  it('addresses no one and names no submitter, title or type for a version 1 certificate, which signs none of them', async () => {
    const text = pdfText(writeTempPdf(await renderReceiptPdf({ certificate: pdfSampleV1, verifyUrl }), 'v1-receipt.pdf'));
    expect(text).not.toMatch(/^\s*致\s/m);
    const flat = squeeze(text);
    for (const absent of ['证据名称', '证据类型', 'Submittedby', '签发方签名的证书内容', SAMPLE_SUBJECT.organization!.name]) {
      expect(flat).not.toContain(squeeze(absent));
    }
    expect(flat).toContain(squeeze(pdfSampleV1.evidence.fileName));
  });

  it('keeps the longest inputs on their page', async () => {
    const long = '超长名称Ｗ'.repeat(80) + ' averyveryverylongwordwithoutanyspaces'.repeat(8);
    const longest = await signedV3Sample({ subject: LONGEST_SUBJECT, provenance: LONGEST_PROVENANCE });
    const pdf = await renderReceiptPdf({
      certificate: { ...longest, issuer: { ...longest.issuer, name: long.slice(0, 200) }, evidence: { ...longest.evidence, fileName: long } },
      verifyUrl,
    });
    const longFile = writeTempPdf(pdf, 'long-receipt.pdf');
    expect(pdfPageCount(longFile)).toBe(2);
    expect(decodeQrCodes(renderFirstPage(longFile))).toEqual([verifyUrl]);
  });
});

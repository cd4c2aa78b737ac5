// Both times on every document (issue #15): a version 2 certificate's PDF and receipt print the RFC
// 3161 time its token states and the TSA beside the block time; a token that does not verify is
// printed as such, not as a time. A version 3 certificate keeps version 2's timestamp, and its
// longest subject still leaves room for the row on page 1.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCertificate, type Certificate } from '../proof/certificate-schema';
import { fromHex } from '../proof/hex';
import { stampRoot } from '../testing/start-test-tsa';
import { createTsaCredentials, type TsaCredentials } from '../timestamps/tsa-credentials';
import { formatChinaTime } from './pdf-display-values';
import { assertPdfToolsInstalled, pdfPageCount, pdfText, writeTempPdf } from './pdf-test-tools';
import { renderCertificatePdf } from './render-certificate-pdf';
import { renderReceiptPdf } from './render-receipt-pdf';
import { LONGEST_PROVENANCE, LONGEST_SUBJECT, signedV3Sample } from '../testing/pdf-sample-certificates';

const v1: Certificate = parseCertificate(readFileSync(path.resolve(__dirname, '../proof/__fixtures__/pdf-sample.certificate.json'), 'utf8'));
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const squeeze = (text: string) => text.replace(/\s+/g, '');
const verifyUrl = `https://evident.example.cn/verify?cert=${v1.serial}`;

async function stamped(tsa: TsaCredentials, root: Uint8Array): Promise<Certificate> {
  const token = await stampRoot(tsa, root);
  return { ...v1, version: 2, timestamp: { token: base64(token), certificates: [base64(tsa.tsaCertificate), base64(tsa.rootCertificate)] } };
}

describe('the RFC 3161 time on the PDF documents', () => {
  let tsa: TsaCredentials;
  const before = new Date();
  beforeAll(async () => {
    assertPdfToolsInstalled();
    tsa = await createTsaCredentials({ name: 'Evident Test TSA' });
  });

  it('prints genTime and the TSA beside the block time, on page 1, in the certificate and the receipt', async () => {
    const certificate = await stamped(tsa, fromHex(v1.proof.root, 32));
    for (const render of [renderCertificatePdf, renderReceiptPdf]) {
      const file = writeTempPdf(await render({ certificate, verifyUrl }), 'stamped.pdf');
      expect(pdfPageCount(file)).toBe(2);
      const text = squeeze(pdfText(file, { page: 1 }));
      expect(text).toContain('可信时间戳');
      expect(text).toContain('RFC3161time');
      expect(text).toContain('EvidentTestTSA');
      // genTime is the moment of stamping, printed in China time to the second.
      const printed = [formatChinaTime(before), formatChinaTime(new Date(before.getTime() + 1000)), formatChinaTime(new Date())].map(squeeze);
      expect(printed.some((time) => text.includes(time))).toBe(true);
    }
  });

  it('says a token over another root does not verify, and prints no time for it', async () => {
    const certificate = await stamped(tsa, new Uint8Array(32).fill(7));
    const text = squeeze(pdfText(writeTempPdf(await renderCertificatePdf({ certificate, verifyUrl }), 'bad-stamp.pdf')));
    expect(text).toContain('时间戳无法核验');
  });

  it('prints no timestamp row for a version 1 certificate', async () => {
    const text = squeeze(pdfText(writeTempPdf(await renderCertificatePdf({ certificate: v1, verifyUrl }), 'v1.pdf'), { page: 1 }));
    expect(text).not.toContain('可信时间戳');
  });

  it('fits the timestamp row beside the longest version 3 subject and file name on page 1', async () => {
    const v2 = await stamped(tsa, fromHex(v1.proof.root, 32));
    const v3 = await signedV3Sample({ subject: LONGEST_SUBJECT, provenance: LONGEST_PROVENANCE });
    const long = '超长名称Ｗ'.repeat(80) + ' averyveryverylongwordwithoutanyspaces'.repeat(8);
    const certificate: Certificate = {
      ...v3,
      timestamp: v2.timestamp,
      issuer: { ...v3.issuer, name: long.slice(0, 200) },
      evidence: { ...v3.evidence, fileName: `${long}.pdf`, mediaType: long },
    };
    for (const render of [renderCertificatePdf, renderReceiptPdf]) {
      const file = writeTempPdf(await render({ certificate, verifyUrl }), 'stamped-v3.pdf');
      expect(pdfPageCount(file)).toBe(2);
      expect(squeeze(pdfText(file, { page: 1 }))).toContain('EvidentTestTSA');
    }
  });
});

import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../proof/certificate-schema';
import { extractCertificateFromPdf } from '../proof/extract-certificate-from-pdf';
import { certificateJsonBytes } from '../proof/pdf-certificate-attachment';
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
import { LONGEST_PROVENANCE, LONGEST_SUBJECT, pdfSampleV1, SAMPLE_SUBJECT, signedV3Sample } from '../testing/pdf-sample-certificates';
import type { OperatorStatements } from '../legal/operator-statements';

const verifyUrl = `https://evident.example.cn/verify?cert=${pdfSampleV1.serial}`;
let certificate: Certificate;

/** A 4×4 red PNG, standing in for an operator's seal image. */
const SEAL_PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8CAB+GTG8HSALfKY52fTcuYAAAAAElFTkSuQmCC', 'base64'),
);
const STATEMENTS: OperatorStatements = {
  operator: { zh: '杭州示例存证科技有限公司', en: 'Hangzhou Example Evidence Technology Co., Ltd.' },
  blockchainServiceFilingNumber: '浙网信备33010000000000-1号',
  qualification: {
    zh: '本公司已依《区块链信息服务管理规定》履行备案手续，与本证书所涉当事人不存在利害关系。',
    en: 'The company has completed its filing under the Provisions on the Administration of Blockchain Information Services and has no interest in the parties.',
  },
};

/** Images poppler finds in the PDF, one line each (pdfimages -list, header skipped). */
function pdfImages(file: string): string[] {
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '');
}

/** pdftotext -layout spreads wide CJK text with spaces; compare without any whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('renderCertificatePdf', () => {
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    assertPdfToolsInstalled();
    certificate = await signedV3Sample();
    bytes = await renderCertificatePdf({ certificate, verifyUrl });
    file = writeTempPdf(bytes, `evident-certificate-${certificate.serial}.pdf`);
  });

  it('is two A4 pages (the record, then the legal basis) well under 1 MB', () => {
    expect(pdfPageCount(file)).toBe(2);
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
      '提交机构',
      'Submitting organization',
      '证据名称',
      '类型 · 借款编号',
      'Type · loan reference',
      '文件名',
      '字节 bytes',
      '叶子位置 Leaf position',
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
    expect(flat).toContain(squeeze(SAMPLE_SUBJECT.organization!.name));
    expect(flat).toContain(squeeze(SAMPLE_SUBJECT.title!));
    expect(flat).toContain(squeeze(certificate.issuer.name));
    expect(text).toContain('1,284,566');
    // Times in China Standard Time: submitted 2025-12-31T23:59:30Z, block 1767225600 = 2026-01-01T00:00:00Z.
    expect(text).toContain('2026-01-01 07:59:30 (UTC+8)');
    expect(text).toContain('2026-01-01 08:00:00 (UTC+8)');
  });

  it('prints the signed subject and provenance, from the certificate, labelled as signed', () => {
    const flat = squeeze(pdfText(file));
    for (const value of [
      '以下各项均经签发方签名everyentryissignedbytheissuer',
      `提交机构IDOrganizationID${SAMPLE_SUBJECT.organization!.id}`,
      '借款合同Loancontract·HZ-XF-2025-0042',
      '类型·借款编号',
      '借款人',
      '张三（证件号ID3301**********123X）',
      '五、提交渠道与来源',
      "接口（贷款机构系统）API(lender'ssystem)",
      '系统System:信贷核心系统Loancore',
      '导出任务Exportjob:nightly-2025-12-31',
    ]) {
      expect(flat).toContain(squeeze(value));
    }
  });

  it('names the legal basis on page 2, with the Electronic Signature Law because it is signed, and no statement or seal unless configured', () => {
    const flat = squeeze(pdfText(file));
    for (const citation of [
      '六、法律依据',
      '《人民法院在线诉讼规则》第十六条至第十九条',
      '《最高人民法院关于互联网法院审理案件若干问题的规定》第十一条第二款',
      '《中华人民共和国电子签名法》第十三条、第十四条',
      'OnlineLitigationRulesofthePeople’sCourts(2021),Arts.16to19',
      '由仲裁庭或人民法院依法认定',
    ]) {
      expect(flat).toContain(squeeze(citation));
    }
    expect(flat).not.toContain('运营方资质声明');
    expect(flat).not.toContain('电子印章');
    expect(pdfImages(file)).toEqual([]);
  });

  it("prints the operator's qualification statement and seal image only when configured", async () => {
    const withStatements = writeTempPdf(await renderCertificatePdf({ certificate, verifyUrl, operator: { statements: STATEMENTS, sealImage: null } }), 'statements.pdf');
    const statementsText = squeeze(pdfText(withStatements));
    expect(statementsText).toContain(squeeze('七、运营方资质声明'));
    expect(statementsText).toContain(squeeze(STATEMENTS.qualification!.zh));
    expect(statementsText).toContain(squeeze(STATEMENTS.blockchainServiceFilingNumber!));
    expect(pdfImages(withStatements)).toEqual([]);

    const sealed = writeTempPdf(
      await renderCertificatePdf({ certificate, verifyUrl, operator: { statements: STATEMENTS, sealImage: { format: 'png', bytes: SEAL_PNG } } }),
      'sealed.pdf',
    );
    expect(squeeze(pdfText(sealed))).toContain(squeeze('杭州示例存证科技有限公司（电子印章electronicseal）'));
    const images = pdfImages(sealed);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*2\s+\d+\s+image\s+4\s+4\b/);
  });

  it('names no organization, title, type or borrower for a version 1 certificate, which signs none of them', async () => {
    const v1 = writeTempPdf(await renderCertificatePdf({ certificate: pdfSampleV1, verifyUrl }), 'v1.pdf');
    const flat = squeeze(pdfText(v1));
    for (const absent of ['提交机构', 'Submittingorganization', '证据名称', '借款人', '提交渠道', '经签发方签名', SAMPLE_SUBJECT.organization!.name]) {
      expect(flat).not.toContain(squeeze(absent));
    }
    expect(flat).toContain(squeeze(pdfSampleV1.evidence.fileName));
    expect(flat).toContain(squeeze('《中华人民共和国电子签名法》第十三条、第十四条'));
  });

  it('carries a QR code that decodes to the verify URL', () => {
    expect(decodeQrCodes(renderFirstPage(file))).toEqual([verifyUrl]);
  });

  it('embeds the certificate JSON byte for byte, readable by poppler and by extractCertificateFromPdf', async () => {
    const { names, first } = pdfAttachments(file);
    expect(names).toEqual([`evident-certificate-${certificate.serial}.json`]);
    expect(new TextDecoder().decode(first)).toBe(JSON.stringify(certificate, null, 2) + '\n');
    expect(first).toEqual(certificateJsonBytes(certificate));
    expect(JSON.parse(await extractCertificateFromPdf(bytes))).toEqual(certificate);
  });

  it('sets the document metadata from the certificate, so the same certificate renders to the same bytes', async () => {
    const again = await renderCertificatePdf({ certificate, verifyUrl });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(loaded.getCreator()).toBe('Evident');
    expect(loaded.getTitle()).toContain(certificate.serial);
    expect(loaded.getSubject()).toContain(certificate.evidence.sha256);
    expect(loaded.getCreationDate()?.toISOString()).toBe(certificate.issuedAt);
  });

  it('prints a dash for null subject fields, and says when the certificate is unsigned (then cites no Electronic Signature Law)', async () => {
    const nulls = await signedV3Sample({
      subject: { organization: null, title: null, evidenceType: null, loanReference: null, borrower: null },
      provenance: { channel: 'portal', source: null },
    });
    const { signature: _, ...unsigned } = nulls;
    const pdf = await renderCertificatePdf({ certificate: unsigned, verifyUrl });
    const text = pdfText(writeTempPdf(pdf, 'unsigned.pdf'));
    expect(text).toMatch(/organization\s+—/);
    expect(text).toMatch(/Title\s+—/);
    expect(squeeze(text)).toContain('类型·借款编号—·—');
    expect(text).toMatch(/Borrower\s+—/);
    expect(text).toContain('Unsigned');
    expect(squeeze(text)).not.toContain('电子签名法');
  });

  it('reads a millisecond block timestamp (FISCO BCOS before 3.12) as the same instant', async () => {
    const millis = { ...certificate, anchor: { ...certificate.anchor, blockTime: '1767225600000' } };
    const text = pdfText(writeTempPdf(await renderCertificatePdf({ certificate: millis, verifyUrl }), 'ms.pdf'));
    expect(text).toContain('2026-01-01 08:00:00 (UTC+8)');
  });

  it('keeps the longest inputs on their page, clipped, with the QR code still readable', async () => {
    const long = '超长名称Ｗ'.repeat(80) + ' averyveryverylongwordwithoutanyspaces'.repeat(8);
    const longCertificate = {
      ...(await signedV3Sample({ subject: LONGEST_SUBJECT, provenance: LONGEST_PROVENANCE })),
      issuer: { ...certificate.issuer, name: long.slice(0, 200) },
      evidence: { ...certificate.evidence, fileName: `${long}.pdf`, mediaType: long },
    };
    const pdf = await renderCertificatePdf({
      certificate: longCertificate,
      verifyUrl,
      operator: {
        statements: { ...STATEMENTS, operator: { zh: long.slice(0, 200), en: long.slice(0, 200) }, qualification: { zh: long.repeat(3).slice(0, 2000), en: long.repeat(3).slice(0, 2000) } },
        sealImage: { format: 'png', bytes: SEAL_PNG },
      },
    });
    const longFile = writeTempPdf(pdf, 'long.pdf');
    expect(pdfPageCount(longFile)).toBe(2);
    expect(pdfText(longFile)).toContain('…');
    expect(decodeQrCodes(renderFirstPage(longFile))).toEqual([verifyUrl]);
    expect(JSON.parse(await extractCertificateFromPdf(pdf))).toEqual(longCertificate);
  });
});

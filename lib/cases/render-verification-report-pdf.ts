// The verification report as a bilingual PDF (Chinese first, English beneath) for the arbitrator to
// put in the case file: the case, who verified it and when, and each item's checks against the chain.
// The report's JSON is attached, so the document carries its own machine-readable record.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { formatChinaTime, displayText } from '../certificates/pdf-display-values';
import { certificateFontkit, loadCertificateFonts } from '../certificates/pdf-fonts';
import { A4, COLORS, PageLayout, type FieldRow, type PdfFonts } from '../certificates/pdf-page-layout';
import type { VerificationReportDocument } from './get-verification-report';

const MARGIN = 50;
/** Start a new page before an item when less than this is left: an item's block is about this tall. */
const ITEM_SPACE = 300;

const CHECK_LABELS: Record<string, { zh: string; en: string }> = {
  'certificate-format': { zh: '证书格式', en: 'Certificate format' },
  'file-hash': { zh: '存储原件哈希', en: 'Stored file hash' },
  leaf: { zh: '默克尔叶子', en: 'Merkle leaf' },
  'inclusion-proof': { zh: '包含证明', en: 'Inclusion proof' },
  'chain-anchor': { zh: '链上锚定', en: 'Anchor on chain' },
  signature: { zh: '签发方签名', en: 'Issuer signature' },
  revocation: { zh: '吊销状态', en: 'Revocation' },
};

const STATUS_TEXT = { pass: '通过 PASS', fail: '未通过 FAIL', skipped: '跳过 SKIPPED' } as const;

export async function renderVerificationReportPdf(report: VerificationReportDocument, json: Uint8Array): Promise<Uint8Array> {
  const fontBytes = await loadCertificateFonts();
  const pdfDoc = await PDFDocument.create();
  pdfDoc.registerFontkit(certificateFontkit);
  const fonts: PdfFonts = {
    text: await pdfDoc.embedFont(fontBytes.regular, { subset: true }),
    bold: await pdfDoc.embedFont(fontBytes.bold, { subset: true }),
    mono: await pdfDoc.embedFont(StandardFonts.Courier),
  };
  pdfDoc.setTitle(`核验报告 Verification report ${report.case.caseNumber}`, { showInWindowTitleBar: true });
  pdfDoc.setSubject(`${report.case.caseNumber} · ${report.id}`);
  pdfDoc.setCreator('Evident');
  pdfDoc.setProducer('Evident (pdf-lib)');
  pdfDoc.setLanguage('zh-CN');
  // Dated by the report, not the clock: downloading it twice gives the same document.
  pdfDoc.setCreationDate(report.createdAt);
  pdfDoc.setModificationDate(report.createdAt);
  await pdfDoc.attach(json, `${report.case.caseNumber}-verification-report.json`, {
    mimeType: 'application/json',
    description: 'The verification report as JSON (format evident.case-verification-report)',
    creationDate: report.createdAt,
    modificationDate: report.createdAt,
  });

  const newPage = () => new PageLayout(pdfDoc.addPage([A4.width, A4.height]), fonts, { margin: MARGIN, top: A4.height - 42 });
  let layout = newPage();
  layout.drawLine('EVIDENT · 电子数据存证平台', { style: 'bold', size: 7.5, color: COLORS.muted, advance: false });
  layout.drawLine(`报告编号 Report ${report.id}`, { size: 7.5, color: COLORS.muted, align: 'right' });
  layout.space(4);
  layout.drawLine('证据核验报告', { style: 'bold', size: 22, color: COLORS.navy, align: 'center' });
  layout.drawLine('EVIDENCE VERIFICATION REPORT', { size: 10.5, color: COLORS.muted, align: 'center' });
  layout.rule({ color: COLORS.navy, thickness: 1, gapBefore: 6, gapAfter: 9 });

  layout.drawSectionHeading('一、案件', 'Case');
  layout.drawFieldRows([
    { zh: '案件编号', en: 'Case number', value: { text: report.case.caseNumber, style: 'bold' } },
    { zh: '案件标题', en: 'Title', value: { text: displayText(report.case.title), maxLines: 2 } },
    { zh: '申请人', en: 'Lender', value: { text: displayText(report.case.lenderName), maxLines: 2 } },
    { zh: '被申请人', en: 'Borrower', value: { text: displayText(report.case.borrowerName), maxLines: 1 } },
    { zh: '仲裁委员会', en: 'Commission', value: { text: displayText(report.case.commissionName), maxLines: 2 } },
  ]);
  layout.space(8);
  layout.drawSectionHeading('二、核验结论', 'Conclusion');
  layout.drawFieldRows([
    {
      zh: '结论',
      en: 'Result',
      value: {
        text: report.passed
          ? `全部 ${report.itemCount} 项证据通过链上核验 · All ${report.itemCount} items passed`
          : `${report.itemCount} 项中 ${report.failedCount} 项未通过 · ${report.failedCount} of ${report.itemCount} items failed`,
        style: 'bold',
        color: report.passed ? COLORS.navy : COLORS.seal,
      },
    },
    { zh: '核验时间', en: 'Verified at', value: formatChinaTime(report.createdAt) },
    { zh: '核验人', en: 'Verified by', value: { text: `${displayText(report.verifiedBy.name)} <${report.verifiedBy.email}>`, maxLines: 2 } },
  ]);
  layout.space(4);
  layout.drawParagraph(
    '每项证据均重新计算存储原件的 SHA-256，并以默克尔包含证明对照区块链合约中锚定的根核验；链上数据直接读取自区块链节点，不依赖平台数据库。',
    { size: 8.5, maxLines: 3 },
  );
  layout.drawParagraph(
    "Each item's stored original was re-hashed and its Merkle inclusion proof checked against the root anchored in the chain contract, read from a chain node rather than the platform's database.",
    { size: 7.5, color: COLORS.muted, maxLines: 3 },
  );
  layout.space(8);
  layout.drawSectionHeading('三、逐项结果', 'Item by item');

  report.results.forEach((item, index) => {
    if (layout.y < MARGIN + ITEM_SPACE) layout = newPage();
    const rows: FieldRow[] = [
      { zh: `证据 ${index + 1}`, en: 'Evidence', value: [{ text: displayText(item.title ?? item.fileName), style: 'bold', maxLines: 2 }, { text: displayText(item.fileName), size: 7.5, color: COLORS.muted, maxLines: 1 }] },
      { zh: '证据编号', en: 'Evidence id', value: { text: item.evidenceId, style: 'mono' } },
      { zh: '文件指纹', en: 'SHA-256', value: { text: item.sha256, style: 'mono' } },
      { zh: '证书编号', en: 'Certificate', value: item.certificateSerial ?? '—' },
      {
        zh: '结果',
        en: 'Result',
        value: { text: item.passed ? '通过 PASS' : `未通过 FAIL · ${item.message}`, style: 'bold', color: item.passed ? COLORS.navy : COLORS.seal, maxLines: 3 },
      },
      ...item.checks.map((check) => ({
        zh: CHECK_LABELS[check.id].zh,
        en: CHECK_LABELS[check.id].en,
        value: [
          { text: STATUS_TEXT[check.status], style: 'bold' as const, size: 8, color: check.status === 'fail' ? COLORS.seal : COLORS.ink },
          { text: check.message, size: 7, color: COLORS.muted, maxLines: 3 },
        ],
      })),
    ];
    layout.drawFieldRows(rows);
    layout.space(10);
  });

  const pages = pdfDoc.getPages();
  pages.forEach((page, i) => {
    const footer = `${report.case.caseNumber} · 第 ${i + 1} / ${pages.length} 页 Page ${i + 1} of ${pages.length}`;
    page.drawText(footer, { x: MARGIN, y: 24, size: 7, font: fonts.text, color: COLORS.muted });
  });
  return pdfDoc.save({ useObjectStreams: false });
}

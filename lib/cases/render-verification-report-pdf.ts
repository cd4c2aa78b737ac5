// The verification report as a bilingual PDF (Chinese first, English beneath) for the arbitrator to
// put in the case file: the case, who verified it and when, and each item's checks against the chain.
// The report's JSON is attached, so the document carries its own machine-readable record.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { formatChinaTime, displayText } from '../certificates/pdf-display-values';
import { certificateFontkit, loadCertificateFonts } from '../certificates/pdf-fonts';
import { A4, COLORS, PageLayout, type FieldRow, type PdfFonts } from '../certificates/pdf-page-layout';
import type { ReviewPointAssessment, ReviewPointResult } from '../legal/assess-review-points';
import type { OperatorStatements } from '../legal/operator-statements';
import type { SealImage } from '../legal/operator-seal-image';
import { drawOperatorSeal } from '../certificates/pdf-legal-page';
import type { EvidenceProvenance } from '../evidence/read-evidence-provenance';
import type { VerificationReportDocument } from './get-verification-report';
import type { ReportWording } from './report-wording';

const MARGIN = 50;
/** Start a new page before an item when less than this is left: an item's block is about this tall. */
const ITEM_SPACE = 200;
/** Start a new page before a check's row when less than this is left (status, four lines of Chinese, four of English). */
const CHECK_ROW_SPACE = 110;

const RESULT_TEXT: Record<ReviewPointResult, string> = {
  supported: '技术核验支持 · Supported by the technical check',
  'not-supported': '技术核验不支持 · Not supported: a check failed',
  partly: '部分核验 · Partly checked: some checks did not run',
  'outside-software': '软件无法核验 · Outside what software can check',
};

export async function renderVerificationReportPdf(
  report: VerificationReportDocument,
  json: Uint8Array,
  legalReview: ReviewPointAssessment[],
  operatorStatements: OperatorStatements | null,
  wording: ReportWording,
  /** The operator's seal (OPERATOR_SEAL_IMAGE_FILE); drawn only when configured. */
  sealImage: SealImage | null = null,
): Promise<Uint8Array> {
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
    const result = wording.itemResult(item.passed);
    const explanation = wording.itemExplanation(item);
    const resultColor = item.passed ? COLORS.navy : COLORS.seal;
    const rows: FieldRow[] = [
      { zh: `证据 ${index + 1}`, en: 'Evidence', value: [{ text: displayText(item.title ?? item.fileName), style: 'bold', maxLines: 2 }, { text: displayText(item.fileName), size: 7.5, color: COLORS.muted, maxLines: 1 }] },
      { zh: '证据编号', en: 'Evidence id', value: { text: item.evidenceId, style: 'mono' } },
      { zh: '文件指纹', en: 'SHA-256', value: { text: item.sha256, style: 'mono' } },
      { zh: '证书编号', en: 'Certificate', value: item.certificateSerial ?? '—' },
      ...(item.provenance ? [{ zh: '来源', en: 'Provenance', value: provenanceLines(item.provenance) }] : []),
      {
        zh: '结果',
        en: 'Result',
        value: [
          { text: `${result.zh} ${result.en} · ${explanation.zh}`, style: 'bold', color: resultColor, maxLines: 3 },
          { text: explanation.en, size: 7, color: COLORS.muted, maxLines: 3 },
        ],
      },
    ];
    layout.drawFieldRows(rows);
    // A check's explanation takes up to seven lines, so each row may open a new page.
    for (const check of item.checks) {
      if (layout.y < MARGIN + CHECK_ROW_SPACE) layout = newPage();
      const name = wording.checkName(check.id);
      const status = wording.checkStatus(check.status);
      const sentence = wording.checkExplanation(check);
      layout.drawFieldRows([
        {
          zh: name.zh,
          en: name.en,
          value: [
            { text: `${status.zh} ${status.en}`, style: 'bold', size: 8, color: check.status === 'fail' ? COLORS.seal : COLORS.ink },
            { text: sentence.zh, size: 7.5, maxLines: 4 },
            { text: sentence.en, size: 6.5, color: COLORS.muted, maxLines: 4 },
          ],
        },
      ]);
    }
    layout.space(10);
  });

  // 四、对账证书: the co-lender reconciliation certificates added to the case, each with its checks
  // and each attested side read back from the ReconciliationAnchor on chain.
  if (report.reconciliation.length > 0) {
    if (layout.y < MARGIN + ITEM_SPACE) layout = newPage();
    layout.drawSectionHeading('四、对账证书', 'Reconciliation certificates');
    report.reconciliation.forEach((certificate, index) => {
      if (layout.y < MARGIN + ITEM_SPACE) layout = newPage();
      const title = wording.reconciliationTitle(certificate);
      const result = wording.itemResult(certificate.passed);
      layout.drawFieldRows([
        { zh: `对账证书 ${index + 1}`, en: 'Certificate', value: [{ text: displayText(title.zh), style: 'bold', maxLines: 2 }, { text: displayText(title.en), size: 7.5, color: COLORS.muted, maxLines: 2 }] },
        { zh: '证书编号', en: 'Serial', value: { text: certificate.serial, style: 'mono' } },
        { zh: '文件指纹', en: 'SHA-256', value: { text: certificate.sha256, style: 'mono' } },
        {
          zh: '结果',
          en: 'Result',
          value: [
            { text: `${result.zh} ${result.en}`, style: 'bold', color: certificate.passed ? COLORS.navy : COLORS.seal, maxLines: 2 },
            { text: displayText(certificate.message), size: 7, color: COLORS.muted, maxLines: 3 },
          ],
        },
      ]);
      const rows: FieldRow[] = [
        ...certificate.checks.map((check): FieldRow => {
          const name = wording.checkName(check.id);
          const status = wording.checkStatus(check.status);
          const sentence = wording.checkExplanation(check);
          return {
            zh: name.zh,
            en: name.en,
            value: [
              { text: `${status.zh} ${status.en}`, style: 'bold', size: 8, color: check.status === 'fail' ? COLORS.seal : COLORS.ink },
              { text: sentence.zh, size: 7.5, maxLines: 4 },
              { text: sentence.en, size: 6.5, color: COLORS.muted, maxLines: 4 },
            ],
          };
        }),
        ...certificate.chain.map((side): FieldRow => {
          const sentence = wording.chainSide(side);
          return {
            zh: `${side.bank} 方链上核对`,
            en: `Bank ${side.bank} on chain`,
            value: [
              { text: side.status === 'pass' ? '通过 Pass' : '未通过 Fail', style: 'bold', size: 8, color: side.status === 'fail' ? COLORS.seal : COLORS.ink },
              { text: sentence.zh, size: 7.5, maxLines: 2 },
              { text: displayText(sentence.en), size: 6.5, color: COLORS.muted, maxLines: 4 },
            ],
          };
        }),
      ];
      for (const row of rows) {
        if (layout.y < MARGIN + CHECK_ROW_SPACE) layout = newPage();
        layout.drawFieldRows([row]);
      }
      layout.space(10);
    });
  }

  // 四/五、法律审查要点: what the checks answer, point by point, and what they cannot.
  layout = newPage();
  layout.drawSectionHeading(report.reconciliation.length > 0 ? '五、法律审查要点' : '四、法律审查要点', 'Legal review points');
  layout.drawParagraph(
    '下列各项将本报告的核验结果对应至区块链电子证据的审查要点。运营方声明系运营方自行陈述的事实，并非核验结果；软件无法核验的事项如实注明，不视为通过。',
    { size: 8.5, maxLines: 4 },
  );
  layout.drawParagraph(
    "Each point below maps this report's checks onto the review points for blockchain evidence. The operator's statements are the operator's own account, not checks; what software cannot check is said so and never counted as passed.",
    { size: 7.5, color: COLORS.muted, maxLines: 4 },
  );
  if (operatorStatements) {
    layout.drawParagraph(`运营方 Operator: ${operatorStatements.operator.zh} · ${operatorStatements.operator.en}`, { size: 8, style: 'bold', maxLines: 2 });
    if (operatorStatements.qualification) {
      layout.drawParagraph(operatorStatements.qualification.zh, { size: 8, maxLines: 6 });
      layout.drawParagraph(operatorStatements.qualification.en, { size: 7.5, color: COLORS.muted, maxLines: 6 });
    }
  }
  if (sealImage) {
    if (layout.y < MARGIN + 160) layout = newPage();
    await drawOperatorSeal({ pdfDoc, layout, sealImage, statements: operatorStatements, dated: `出具时间 Issued ${formatChinaTime(report.createdAt)}` });
  }
  layout.space(6);
  for (const point of legalReview) {
    if (layout.y < MARGIN + 260) layout = newPage();
    layout.drawParagraph(point.citation, { style: 'bold', size: 9.5, color: COLORS.navy, maxLines: 2 });
    layout.drawParagraph(point.citationEn, { size: 7.5, color: COLORS.muted, maxLines: 2 });
    if (point.quote) layout.drawParagraph(`“${point.quote}”`, { size: 8, maxLines: 12 });
    if (point.summary) {
      layout.drawParagraph(point.summary.zh, { size: 8, maxLines: 8 });
      layout.drawParagraph(point.summary.en, { size: 7, color: COLORS.muted, maxLines: 8 });
    }
    layout.drawParagraph(RESULT_TEXT[point.result], {
      style: 'bold',
      size: 8.5,
      color: point.result === 'not-supported' ? COLORS.seal : COLORS.navy,
      maxLines: 2,
    });
    for (const tally of point.checks) {
      layout.drawParagraph(
        `${tally.label.zh} ${tally.label.en}：通过 ${tally.passed} · 未通过 ${tally.failed} · 未执行 ${tally.notRun}  (pass ${tally.passed}, fail ${tally.failed}, not run ${tally.notRun})`,
        { size: 7.5, color: tally.failed > 0 ? COLORS.seal : COLORS.ink, maxLines: 2 },
      );
    }
    layout.drawParagraph(`Evident：${point.evidentContribution.zh}`, { size: 8, maxLines: 5 });
    layout.drawParagraph(point.evidentContribution.en, { size: 7, color: COLORS.muted, maxLines: 5 });
    for (const statement of point.operatorStatements) {
      layout.drawParagraph(`运营方声明 · ${statement.label.zh}：${statement.text.zh}`, { size: 8, maxLines: 6 });
      layout.drawParagraph(`Operator's statement · ${statement.label.en}: ${statement.text.en}`, { size: 7, color: COLORS.muted, maxLines: 6 });
    }
    if (point.operatorStatementsMissing) {
      layout.drawParagraph('运营方声明：未配置。 · Operator’s statements: none configured.', { size: 8, color: COLORS.seal, maxLines: 2 });
    }
    layout.drawParagraph(`仍需当事人提供：${point.stillNeeded.zh}`, { size: 8, maxLines: 5 });
    layout.drawParagraph(`Still for the parties: ${point.stillNeeded.en}`, { size: 7, color: COLORS.muted, maxLines: 5 });
    layout.space(10);
  }

  const pages = pdfDoc.getPages();
  pages.forEach((page, i) => {
    const footer = `${report.case.caseNumber} · 第 ${i + 1} / ${pages.length} 页 Page ${i + 1} of ${pages.length}`;
    page.drawText(footer, { x: MARGIN, y: 24, size: 7, font: fonts.text, color: COLORS.muted });
  });
  return pdfDoc.save({ useObjectStreams: false });
}

const CHANNEL_TEXT: Record<EvidenceProvenance['channel'], string> = {
  portal: '门户上传 Portal upload',
  api: '接口提交 API',
  system: '平台 Evident',
};

/** How the item arrived (Art. 18): channel, sender, client address, key and time; then the source. */
function provenanceLines(provenance: EvidenceProvenance) {
  const arrival = [
    CHANNEL_TEXT[provenance.channel],
    provenance.submittedBy,
    provenance.clientAddress,
    provenance.idempotencyKey ? `Idempotency-Key ${provenance.idempotencyKey}` : null,
    provenance.submittedAt,
  ].filter((part): part is string => part !== null);
  const source = provenance.source ? Object.entries(provenance.source).map(([field, value]) => `${field}: ${value}`) : [];
  return [
    { text: displayText(arrival.join(' · ')), size: 7.5, maxLines: 2 },
    ...(source.length ? [{ text: displayText(`来源声明 Source: ${source.join(' · ')}`), size: 7, color: COLORS.muted, maxLines: 3 }] : []),
  ];
}

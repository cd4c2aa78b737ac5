// The second page of the certificate and the proof receipt: a version 3 certificate's signed
// provenance (channel and source) and its organization's id, the legal basis the document names
// (lib/legal/document-legal-basis.ts), the operator's qualification statement when the operator
// configured one (OPERATOR_STATEMENTS_FILE), and the operator's electronic seal image only when
// configured (OPERATOR_SEAL_IMAGE_FILE): no seal is ever drawn by default.
import type { PDFDocument } from 'pdf-lib';
import type { Config } from '../config';
import type { Certificate } from '../proof/certificate-schema';
import { documentLegalBasis } from '../legal/document-legal-basis';
import type { OperatorStatements } from '../legal/operator-statements';
import type { SealImage } from '../legal/operator-seal-image';
import { formatChinaTime, signedSubjectDisplay } from './pdf-display-values';
import { A4, COLORS, PageLayout, type PdfFonts } from './pdf-page-layout';

/** What the operator configured for its documents. */
export interface DocumentOperator {
  statements: OperatorStatements | null;
  sealImage: SealImage | null;
}

export const NO_OPERATOR: DocumentOperator = { statements: null, sealImage: null };

export function documentOperatorOf(config: Pick<Config, 'operatorStatements' | 'operatorSealImage'>): DocumentOperator {
  return { statements: config.operatorStatements, sealImage: config.operatorSealImage };
}

const MARGIN = 50;
const CHINESE_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const SEAL_SIZE = 96;

export async function drawLegalPage({
  pdfDoc,
  fonts,
  certificate,
  document,
  operator,
  firstSection,
}: {
  pdfDoc: PDFDocument;
  fonts: PdfFonts;
  certificate: Certificate;
  document: 'certificate' | 'receipt';
  operator: DocumentOperator;
  /** The number of the first section on this page, continuing page 1's numbering. */
  firstSection: number;
}): Promise<void> {
  let section = firstSection;
  const nextSection = () => `${CHINESE_NUMERALS[section++]}、`;
  const page = pdfDoc.addPage([A4.width, A4.height]);
  const layout = new PageLayout(page, fonts, { margin: MARGIN, top: A4.height - 42 });
  layout.drawFrame({ inset: 26 });
  layout.drawLine(`EVIDENT · 电子数据存证平台 · ${certificate.serial}`, { style: 'bold', size: 7.5, color: COLORS.muted });
  layout.space(10);

  const signed = signedSubjectDisplay(certificate);
  if (signed) {
    layout.drawSectionHeading(`${nextSection()}提交渠道与来源`, 'Channel and source · 经签发方签名 signed by the issuer');
    layout.drawFieldRows([
      { zh: '提交渠道', en: 'Channel', value: { text: signed.channel, maxLines: 1 } },
      {
        zh: '来源',
        en: 'Source, as the lender stated it',
        value: signed.source.length ? signed.source.map((line) => ({ text: line, maxLines: 1 })) : { text: '—' },
      },
      ...(signed.organizationId ? [{ zh: '提交机构 ID', en: 'Organization ID', value: { text: signed.organizationId, style: 'mono' as const } }] : []),
    ]);
    layout.space(8);
  }

  layout.drawSectionHeading(`${nextSection()}法律依据`, 'Legal basis');
  for (const line of documentLegalBasis({ document, signed: certificate.signature !== undefined })) {
    layout.drawParagraph(line.zh, { size: 8.8, maxLines: 4 });
    layout.drawParagraph(line.en, { size: 7.6, color: COLORS.muted, maxLines: 4 });
    layout.space(4);
  }
  layout.space(6);

  const { statements, sealImage } = operator;
  if (statements?.qualification) {
    layout.drawSectionHeading(`${nextSection()}运营方资质声明`, "Operator's statement of qualification");
    layout.drawParagraph(`运营方 Operator: ${statements.operator.zh} · ${statements.operator.en}`, { size: 8.8, style: 'bold', maxLines: 2 });
    layout.drawParagraph(statements.qualification.zh, { size: 8.8, maxLines: 6 });
    layout.drawParagraph(statements.qualification.en, { size: 7.6, color: COLORS.muted, maxLines: 6 });
    if (statements.blockchainServiceFilingNumber) {
      layout.drawParagraph(`区块链信息服务备案编号 Blockchain information service filing No.: ${statements.blockchainServiceFilingNumber}`, { size: 8, maxLines: 2 });
    }
    layout.drawParagraph('以上为运营方自行作出的声明，软件无法核验。 The above is the operator’s own statement, which software cannot check.', {
      size: 7.2,
      color: COLORS.muted,
      maxLines: 2,
    });
    layout.space(8);
  }

  if (sealImage) await drawOperatorSeal({ pdfDoc, layout, sealImage, statements, dated: `签发时间 Issued ${formatChinaTime(new Date(certificate.issuedAt))}` });

  layout.drawFooter(
    [
      { text: '存证数据以内嵌的 JSON 证书为准；法律依据与运营方声明不属于签发方签名的数据。', size: 7.5 },
      { text: 'The embedded JSON certificate is the authoritative record; the legal basis and the operator’s statements are not part of the signed data.', size: 7 },
    ],
    { bottom: 35 },
  );
}

/** The operator's seal, right-aligned under the operator's name and the document's date. Callers
 * draw it only when the operator configured a seal image. */
export async function drawOperatorSeal({
  pdfDoc,
  layout,
  sealImage,
  statements,
  dated,
}: {
  pdfDoc: PDFDocument;
  layout: PageLayout;
  sealImage: SealImage;
  statements: OperatorStatements | null;
  dated: string;
}): Promise<void> {
  const image = sealImage.format === 'png' ? await pdfDoc.embedPng(sealImage.bytes) : await pdfDoc.embedJpg(sealImage.bytes);
  const scale = Math.min(SEAL_SIZE / image.width, SEAL_SIZE / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  const signer = statements ? `${statements.operator.zh}（电子印章 electronic seal）` : '运营方电子印章 Operator’s electronic seal';
  layout.drawLine(signer, { size: 8.5, align: 'right' });
  layout.drawLine(dated, { size: 7.5, color: COLORS.muted, align: 'right' });
  layout.page.drawImage(image, { x: layout.right - width, y: layout.y - height, width, height });
  layout.space(height);
}

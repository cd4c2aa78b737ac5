// The PDF certificate (电子数据存证证书): a bilingual A4 page stating what was notarized, when, and
// where on chain, with a QR code to the verification page, and a second page with the legal basis
// and the operator's configured statements. The signed certificate JSON rides along as a file
// attachment, so the PDF alone is enough for `npx evident-verify`. Everything page 1 says about the
// item (organization, title, type, loan reference, borrower, provenance) is read from the signed
// certificate (format version 3), never from elsewhere: what the PDF prints, the signature covers.
import type { Certificate } from '../proof/certificate-schema';
import { certificateAttachmentName } from '../proof/pdf-certificate-attachment';
import { blockTimeToDate, displayText, formatByteSize, formatChinaTime, signedSubjectDisplay, timestampLine } from './pdf-display-values';
import { drawLegalPage, NO_OPERATOR, type DocumentOperator } from './pdf-legal-page';
import { A4, COLORS, PageLayout, createCertificateDocument, type FieldRow } from './pdf-page-layout';

const MARGIN = 50;

export async function renderCertificatePdf({
  certificate,
  verifyUrl,
  operator = NO_OPERATOR,
}: {
  certificate: Certificate;
  /** Encoded in the QR code, e.g. `https://host/verify?cert=EVD-…`. */
  verifyUrl: string;
  operator?: DocumentOperator;
}): Promise<Uint8Array> {
  const stamp = await timestampLine(certificate);
  const { pdfDoc, fonts } = await createCertificateDocument({
    certificate,
    title: `电子数据存证证书 Electronic Evidence Certificate ${certificate.serial}`,
    subject: `${displayText(certificate.evidence.fileName)} · SHA-256 ${certificate.evidence.sha256}`,
  });
  const page = pdfDoc.addPage([A4.width, A4.height]);
  const layout = new PageLayout(page, fonts, { margin: MARGIN, top: A4.height - 42 });
  const { evidence, anchor, proof, issuer, signature } = certificate;

  layout.drawFrame({ inset: 26 });
  layout.drawDocumentHeader({
    zh: '电子数据存证证书',
    en: 'ELECTRONIC EVIDENCE CERTIFICATE',
    serial: certificate.serial,
    note: `签发时间 Issued ${formatChinaTime(new Date(certificate.issuedAt))}`,
  });

  layout.drawParagraph(
    '兹证明：下列电子数据已于所载时间提交至签发方，其 SHA-256 哈希值经 Merkle 树汇总后锚定于区块链，自锚定之时起未被篡改的文件均可据此核验。',
    { size: 8.8, maxLines: 2 },
  );
  layout.drawParagraph(
    'This certifies that the electronic data below was submitted to the issuer at the time stated, and that its SHA-256 hash was anchored on the blockchain in a Merkle tree; an unaltered copy of the file can be verified against this record.',
    { size: 7.8, color: COLORS.muted, maxLines: 2 },
  );
  layout.space(4);

  const signed = signedSubjectDisplay(certificate);
  layout.drawSectionHeading('一、存证信息', signed ? 'Evidence · 以下各项均经签发方签名 every entry is signed by the issuer' : 'Evidence');
  layout.drawFieldRows([
    ...(signed ? subjectRows(signed) : []),
    {
      zh: '文件名',
      en: 'File name',
      value: [
        { text: displayText(evidence.fileName), maxLines: 1 },
        { text: `${formatByteSize(evidence.size)} · 媒体类型 Media type: ${displayText(evidence.mediaType)}`, size: 7.5, color: COLORS.muted, maxLines: 1 },
      ],
    },
    { zh: '文件哈希', en: 'SHA-256', value: { text: evidence.sha256, style: 'mono' } },
    { zh: '提交时间', en: 'Submitted at', value: formatChinaTime(new Date(evidence.submittedAt)) },
  ]);
  layout.space(3);

  layout.drawSectionHeading('二、区块链锚定', 'Blockchain anchoring');
  layout.drawFieldRows([
    {
      zh: '上链时间',
      en: 'Anchored at',
      value: [
        { text: formatChinaTime(blockTimeToDate(anchor.blockTime)) },
        { text: `区块时间戳 Block timestamp: ${anchor.blockTime}`, size: 7.5, color: COLORS.muted },
      ],
    },
    ...(stamp
      ? [
          {
            zh: '可信时间戳',
            en: 'RFC 3161 time',
            value: [{ text: stamp.time }, { text: stamp.detail, size: 7.5, color: COLORS.muted, maxLines: 1 }],
          },
        ]
      : []),
    { zh: '区块高度', en: 'Block number', value: anchor.blockNumber },
    { zh: '交易哈希', en: 'Transaction hash', value: { text: anchor.txHash, style: 'mono' } },
    {
      zh: '存证合约',
      en: 'Contract',
      value: [
        { text: anchor.contract, style: 'mono' },
        { text: `链 ID Chain ID: ${anchor.chainId}`, size: 7.5, color: COLORS.muted },
      ],
    },
    { zh: '锚定成员', en: 'Anchoring member', value: { text: anchor.submitter, style: 'mono' } },
    {
      zh: 'Merkle 根',
      en: 'Merkle root',
      value: [
        { text: proof.root, style: 'mono' },
        { text: `叶子位置 Leaf position: 第 ${proof.leafIndex} 号，共 ${proof.treeSize} 个叶子 · leaf ${proof.leafIndex} of ${proof.treeSize}`, size: 7.5, color: COLORS.muted },
      ],
    },
  ]);
  layout.space(3);

  layout.drawSectionHeading('三、签发信息', 'Issuance');
  layout.drawFieldRows([
    {
      zh: '签发方',
      en: 'Issuer',
      value: [
        { text: displayText(issuer.name), maxLines: 1 },
        { text: issuer.address, style: 'mono' },
      ],
    },
    {
      zh: '签名',
      en: 'Signature (EIP-712)',
      value: signature
        ? { text: signature.value, style: 'mono', size: 7.2 }
        : { text: '未签名 Unsigned', color: COLORS.muted },
    },
  ]);
  layout.space(4);

  layout.drawSectionHeading('四、核验方法', 'How to verify');
  layout.drawVerificationBlock({
    verifyUrl,
    steps: [
      { zh: '扫描左侧二维码，打开本证书的在线核验页面。', en: "Scan the QR code to open this certificate's verification page." },
      {
        zh: '离线核验：用下列命令读取本 PDF 内嵌的证书并向区块链节点核对；附上原始文件可同时核对其哈希。',
        en: 'Offline: the command reads the certificate embedded in this PDF and checks it against a chain node; add the original file to check its hash too.',
        command: 'npx evident-verify <certificate.pdf> [original-file] --rpc <url>',
      },
      { en: `附件 Attachment: ${certificateAttachmentName(certificate.serial)}` },
    ],
  });

  layout.drawFooter(
    [
      {
        text: `${signature ? '本证书由签发方以 EIP-712 签名。' : ''}证书数据以内嵌的 JSON 附件为准，任何人均可不依赖签发方独立核验。`,
        size: 7.5,
      },
      {
        text: `${signature ? 'Signed by the issuer (EIP-712). ' : ''}The embedded JSON attachment is the authoritative record; anyone can verify it without relying on the issuer.`,
        size: 7,
      },
    ],
    { bottom: 35 },
  );

  await drawLegalPage({ pdfDoc, fonts, certificate, document: 'certificate', operator, firstSection: 5 });
  return pdfDoc.save();
}

/** Submitting organization, title, type, loan reference and borrower, as signed. */
export function subjectRows(signed: NonNullable<ReturnType<typeof signedSubjectDisplay>>): FieldRow[] {
  return [
    { zh: '提交机构', en: 'Submitting organization', value: { text: signed.organization, maxLines: 1 } },
    { zh: '证据名称', en: 'Title', value: { text: signed.title, maxLines: 1 } },
    { zh: '类型 · 借款编号', en: 'Type · loan reference', value: { text: `${signed.evidenceType} · ${signed.loanReference}`, maxLines: 1 } },
    {
      zh: '借款人',
      en: 'Borrower',
      value: {
        text: signed.borrowerIdentifierHint ? `${signed.borrowerName}（证件号 ID ${signed.borrowerIdentifierHint}）` : signed.borrowerName,
        maxLines: 1,
      },
    },
  ];
}

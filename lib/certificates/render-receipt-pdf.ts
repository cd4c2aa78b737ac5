// The proof receipt (存证回执) handed to a borrower: in plain words, what was notarized about them, by
// whom and when, and how they can check it themselves. It carries the same certificate JSON
// attachment as the certificate PDF, so the receipt alone verifies with `npx evident-verify`. Who
// submitted the item, its title, type and loan reference and the borrower it is addressed to are
// printed from the signed certificate (format version 3) only; a version 1 or 2 certificate's receipt
// names none of them. Its second page carries the legal basis and the operator's statements.
import type { Certificate } from '../proof/certificate-schema';
import { certificateAttachmentName } from '../proof/pdf-certificate-attachment';
import { ABSENT, blockTimeToDate, displayText, formatByteSize, formatChinaTime, signedSubjectDisplay, timestampLine } from './pdf-display-values';
import { drawLegalPage, NO_OPERATOR, type DocumentOperator } from './pdf-legal-page';
import { A4, COLORS, PageLayout, createCertificateDocument } from './pdf-page-layout';

const MARGIN = 50;

export async function renderReceiptPdf({
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
    title: `存证回执 Proof receipt ${certificate.serial}`,
    subject: `${displayText(certificate.evidence.fileName)} · SHA-256 ${certificate.evidence.sha256}`,
  });
  const page = pdfDoc.addPage([A4.width, A4.height]);
  const layout = new PageLayout(page, fonts, { margin: MARGIN, top: A4.height - 42 });
  const { evidence, anchor, issuer } = certificate;
  const signed = signedSubjectDisplay(certificate);
  const lender = signed?.organization ?? ABSENT;
  const submitterZh = lender === ABSENT ? '提交方' : lender;
  const submitterEn = lender === ABSENT ? 'The submitter' : lender;

  layout.drawFrame({ inset: 26 });
  layout.drawDocumentHeader({
    zh: '存证回执',
    en: 'PROOF RECEIPT',
    serial: certificate.serial,
    note: `出具时间 Issued ${formatChinaTime(new Date(certificate.issuedAt))}`,
  });

  if (signed) {
    const to = signed.borrowerIdentifierHint ? `${signed.borrowerName}（证件号 ID ${signed.borrowerIdentifierHint}）` : signed.borrowerName;
    layout.drawFieldRows([{ zh: '致', en: 'To', value: { text: to, style: 'bold', maxLines: 1 } }]);
    layout.space(6);
  }
  layout.drawParagraph(
    `${submitterZh}已将下列与您相关的电子数据提交至${displayText(issuer.name)}存证，该数据的 SHA-256 哈希值（相当于文件的“数字指纹”）已写入区块链。此后文件哪怕改动一个字节，指纹都会不同，因此本回执可以证明该文件在存证时的内容。您可以按第三部分的方法自行核验。`,
    { size: 9, maxLines: 5 },
  );
  layout.drawParagraph(
    `${submitterEn} submitted the electronic data below, which concerns you, to ${displayText(issuer.name)} for notarization. Its SHA-256 hash (a digital fingerprint of the file) was written to a blockchain; changing even one byte of the file changes the fingerprint, so this receipt proves what the file contained when it was notarized. You can check it yourself as described in part 3.`,
    { size: 7.8, color: COLORS.muted, maxLines: 5 },
  );
  layout.space(8);

  layout.drawSectionHeading('一、存证内容', 'What was notarized');
  if (signed) {
    layout.drawParagraph('提交方、名称、类型、借款编号与借款人均为签发方签名的证书内容。 The submitter, title, type, loan reference and borrower are signed by the issuer in the certificate.', {
      size: 7.2,
      color: COLORS.muted,
      maxLines: 2,
    });
  }
  layout.drawFieldRows([
    ...(signed
      ? [
          { zh: '证据名称', en: 'Title', value: { text: signed.title, maxLines: 1 } },
          { zh: '证据类型', en: 'Evidence type', value: { text: signed.evidenceType, maxLines: 1 } },
          { zh: '借款编号', en: 'Loan reference', value: { text: signed.loanReference, maxLines: 1 } },
        ]
      : []),
    {
      zh: '文件名',
      en: 'File name',
      value: [
        { text: displayText(evidence.fileName), maxLines: 1 },
        { text: formatByteSize(evidence.size), size: 7.5, color: COLORS.muted },
      ],
    },
    { zh: '文件指纹', en: 'SHA-256', value: { text: evidence.sha256, style: 'mono' } },
  ]);
  layout.space(8);

  layout.drawSectionHeading('二、由谁、何时存证', 'By whom and when');
  layout.drawFieldRows([
    ...(signed ? [{ zh: '提交方', en: 'Submitted by', value: { text: lender, maxLines: 1 } }] : []),
    { zh: '存证机构', en: 'Notarized by', value: { text: displayText(issuer.name), maxLines: 1 } },
    { zh: '提交时间', en: 'Submitted at', value: formatChinaTime(new Date(evidence.submittedAt)) },
    { zh: '上链时间', en: 'Anchored at', value: formatChinaTime(blockTimeToDate(anchor.blockTime)) },
    ...(stamp ? [{ zh: '可信时间戳', en: 'RFC 3161 time', value: [{ text: stamp.time }, { text: stamp.detail, size: 7.5, color: COLORS.muted, maxLines: 1 }] }] : []),
    { zh: '区块高度', en: 'Block number', value: `${anchor.blockNumber}（链 ID Chain ID ${anchor.chainId}）` },
    { zh: '交易哈希', en: 'Transaction hash', value: { text: anchor.txHash, style: 'mono' } },
  ]);
  layout.space(8);

  layout.drawSectionHeading('三、如何核验', 'How to check it');
  layout.drawVerificationBlock({
    verifyUrl,
    steps: [
      {
        zh: '用手机扫描左侧二维码，打开核验页面，查看本次存证的链上记录。',
        en: 'Scan the QR code with your phone to open the verification page and see the record on chain.',
      },
      {
        zh: '如您持有该文件，计算它的 SHA-256（例如 Windows 命令 certutil -hashfile 文件名 SHA256），结果应与上方“文件指纹”完全一致；不一致说明文件已被改动。',
        en: 'If you have the file, compute its SHA-256 (e.g. certutil -hashfile <file> SHA256 on Windows, sha256sum on Linux); it must equal the SHA-256 above, or the file was changed.',
      },
      {
        zh: '技术人员可用下列命令离线核验本回执：',
        en: 'Technical staff can verify this receipt offline:',
        command: 'npx evident-verify <receipt.pdf> [original-file] --rpc <url>',
      },
    ],
  });

  layout.drawFooter(
    [
      { text: `本回执内嵌机器可读的存证证书（${certificateAttachmentName(certificate.serial)}），可单独核验。如有疑问，请联系提交方。`, size: 7.5 },
      { text: 'This receipt embeds the machine-readable certificate and verifies on its own. If you have questions, contact the submitter.', size: 7 },
    ],
    { bottom: 35 },
  );

  await drawLegalPage({ pdfDoc, fonts, certificate, document: 'receipt', operator, firstSection: 4 });
  return pdfDoc.save();
}

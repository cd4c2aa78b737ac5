// Certificates for the PDF tests: the version 1 sample of lib/proof/__fixtures__, and the same item
// as a format version 3 certificate (signed subject and provenance, Chinese text), signed with the
// published test key, so that what the PDFs print can be checked against what the signature covers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signCertificate } from '../certificates/sign-certificate';
import { parseCertificate, type Certificate } from '../proof/certificate-schema';
import { TEST_ISSUER, TEST_ISSUER_ADDRESS } from '../proof/__fixtures__/certificate-from-vectors';

export const pdfSampleV1: Certificate = parseCertificate(
  readFileSync(path.resolve(__dirname, '../proof/__fixtures__/pdf-sample.certificate.json'), 'utf8'),
);

export const SAMPLE_SUBJECT: NonNullable<Certificate['subject']> = {
  organization: { id: '3f0c1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: '中国工商银行股份有限公司杭州分行' },
  title: '个人消费借款合同（张三）',
  evidenceType: 'loan_contract',
  loanReference: 'HZ-XF-2025-0042',
  borrower: { name: '张三', identifierHint: '3301**********123X' },
};

export const SAMPLE_PROVENANCE: NonNullable<Certificate['provenance']> = {
  channel: 'api',
  source: { system: '信贷核心系统 Loan core', exportJobId: 'nightly-2025-12-31', generatedAt: '2025-12-31T23:50:00+08:00' },
};

/** The sample as version 3, with the given subject and provenance, signed by the test issuer. */
export async function signedV3Sample({
  subject = SAMPLE_SUBJECT,
  provenance = SAMPLE_PROVENANCE,
}: { subject?: Certificate['subject']; provenance?: Certificate['provenance'] } = {}): Promise<Certificate> {
  const { signature: _, ...unsigned } = pdfSampleV1;
  return signCertificate(
    { ...unsigned, version: 3, issuer: { ...unsigned.issuer, address: TEST_ISSUER_ADDRESS }, subject, provenance },
    TEST_ISSUER,
  );
}

/** Every subject and source field at its longest (section 15.1), to hold the layout to its limits. */
export const LONGEST_SUBJECT: NonNullable<Certificate['subject']> = {
  organization: { id: '3f0c1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: '超长机构名称Ｗ'.repeat(28) + '银行分行' },
  title: '超长标题'.repeat(50),
  evidenceType: 'transaction_record',
  loanReference: 'L'.repeat(200),
  borrower: { name: '超长姓名'.repeat(25), identifierHint: '*'.repeat(64) },
};

export const LONGEST_PROVENANCE: NonNullable<Certificate['provenance']> = {
  channel: 'portal',
  source: {
    system: '系'.repeat(100),
    exportJobId: 'j'.repeat(200),
    generatedAt: '2025-12-31T23:50:00.123456789+08:00',
    generationMethod: '法'.repeat(200),
    note: 'averyveryverylongwordwithoutanyspaces '.repeat(13).slice(0, 500),
  },
};

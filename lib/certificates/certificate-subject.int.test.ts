// Format version 3 on the real database and chain: a certificate issued for an item that names a
// borrower, a loan reference and a source signs them with the submitting organization and the
// channel, and nothing the certificate must not carry (client address, sender, Idempotency-Key);
// the subject is frozen at first issue; tampering with it fails the signature check; the PDFs print
// it from the certificate; a serial issued before version 3 keeps being served as issued.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/authenticate-api-key';
import { createApiKey } from '../auth/create-api-key';
import { loadUserViewer } from '../auth/load-user-viewer';
import { auditActorOf, type ApiKeyViewer } from '../auth/viewer';
import { sealAllPendingEvidence } from '../batches/seal-all-pending-evidence';
import { Prisma } from '../db/generated/client';
import { InvalidRequestError } from '../errors';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { recordEvidence } from '../evidence/record-evidence';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { verifyCertificate } from '../proof/verify-certificate';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { uploadTestFile } from '../testing/upload-test-file';
import { renderEvidenceDocument } from './certificate-documents';
import { issueCertificate } from './issue-certificate';
import { loadIssuer, type Issuer } from './load-issuer';
import { assertPdfToolsInstalled, pdfText, writeTempPdf } from './pdf-test-tools';

let services: TestServices;
let issuer: Issuer;
let bankSystem: ApiKeyViewer;
let organization: { id: string; name: string };

const SOURCE = {
  system: '核心贷款系统 Core Loan System',
  exportJobId: 'EXP-2026-03-01-0042',
  generatedAt: '2026-03-01T09:30:00+08:00',
  generationMethod: '夜间台账导出',
};
const CLIENT_ADDRESS = '198.51.100.20';

beforeAll(async () => {
  assertPdfToolsInstalled();
  services = await startTestServices({ SEED_DEMO: 'true' });
  issuer = await loadIssuer(services.config);
  const lender = await loadUserViewer({ prisma: services.prisma, user: { email: 'lender-a@evident.demo' }, ipAddress: null });
  if (lender?.kind !== 'staff') throw new Error('lender-a is not a staff account');
  organization = await services.prisma.organization.findUniqueOrThrow({ where: { id: lender.organizationId }, select: { id: true, name: true } });
  const { plaintext } = await createApiKey({ prisma: services.prisma, organizationId: lender.organizationId, name: '核心系统', actor: auditActorOf(lender) });
  const caller = await authenticateApiKey({ prisma: services.prisma, authorization: `Bearer ${plaintext}` });
  bankSystem = { kind: 'api-key', ...caller, ipAddress: CLIENT_ADDRESS };
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

async function anchorPending() {
  await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 100 });
  await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
}

async function verify(certificate: unknown) {
  const chain = createAnchorLookup({ rpcUrl: services.chainRpcUrl! });
  try {
    return await verifyCertificate({ certificate, chain, trustedIssuers: [issuer.address] });
  } finally {
    chain.close();
  }
}

describe('format version 3', () => {
  it('signs the organization, title, type, loan reference, borrower and provenance, frozen at first issue', async () => {
    const uploaded = await uploadTestFile(services, bankSystem, {
      title: '个人消费借款合同（李四）',
      type: 'loan_contract',
      loanReference: 'JK-2026-0042',
      borrowerName: '李四',
      borrowerIdNumber: '440104199003074528',
      source: JSON.stringify(SOURCE),
    });
    const evidenceId = uploaded.id;
    await anchorPending();

    const certificate = await issueCertificate({ prisma: services.prisma, evidenceId, issuer });
    expect(certificate.version).toBe(3);
    expect(certificate.subject).toEqual({
      organization,
      title: '个人消费借款合同（李四）',
      evidenceType: 'loan_contract',
      loanReference: 'JK-2026-0042',
      borrower: { name: '李四', identifierHint: '4401**********4528' },
    });
    expect(certificate.provenance).toEqual({ channel: 'api', source: SOURCE });
    const json = JSON.stringify(certificate);
    for (const secret of [CLIENT_ADDRESS, '440104199003074528', bankSystem.prefix, 'api-key:']) expect(json).not.toContain(secret);

    const report = await verify(certificate);
    expect(report.checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(report.checks.find((check) => check.id === 'signature')?.details).toMatchObject({
      organizationName: organization.name,
      borrowerName: '李四',
      borrowerIdentifierHint: '4401**********4528',
      channel: 'api',
      sourceExportJobId: SOURCE.exportJobId,
    });

    // What the database says later does not change what the serial states.
    await services.prisma.evidence.update({ where: { id: evidenceId }, data: { title: '改过的标题' } });
    const again = await issueCertificate({ prisma: services.prisma, evidenceId, issuer });
    expect(again).toEqual(certificate);

    // The PDFs print the signed subject, not the database's current title.
    for (const kind of ['certificate', 'receipt'] as const) {
      const pdf = await renderEvidenceDocument({ prisma: services.prisma, issuer, publicBaseUrl: 'http://evident.test', kind, evidenceId });
      const text = pdfText(writeTempPdf(pdf.bytes, pdf.fileName)).replace(/\s+/g, '');
      expect(text).toContain('个人消费借款合同（李四）');
      expect(text).not.toContain('改过的标题');
      expect(text).toContain(organization.name.replace(/\s+/g, ''));
      expect(text).toContain('4401**********4528');
    }
  });

  it('fails the signature check, naming it, when a subject or provenance field is altered', async () => {
    const uploaded = await uploadTestFile(services, bankSystem, { title: '还款记录', type: 'repayment_record', loanReference: 'JK-2026-0043', source: JSON.stringify(SOURCE) });
    const evidenceId = uploaded.id;
    await anchorPending();
    const certificate = await issueCertificate({ prisma: services.prisma, evidenceId, issuer });
    for (const tamper of [
      (c: typeof certificate) => (c.subject!.organization!.name = '另一家银行'),
      (c: typeof certificate) => (c.subject!.loanReference = 'JK-2026-9999'),
      (c: typeof certificate) => (c.provenance!.source = null),
    ]) {
      const forged = structuredClone(certificate);
      tamper(forged);
      const report = await verify(forged);
      expect(report.valid).toBe(false);
      expect(report.checks.filter((check) => check.status === 'fail').map((check) => `${check.id}:${check.code}`)).toEqual(['signature:signature.mismatch']);
    }
  });

  it('holds organization names to the 200 characters a certificate signs, so issuing never fails on one', async () => {
    const name = '很长的银行名称'.repeat(29);
    await expect(findOrCreateOrganization({ prisma: services.prisma, name, type: 'lender' })).rejects.toBeInstanceOf(InvalidRequestError);
    const longest = await findOrCreateOrganization({ prisma: services.prisma, name: name.slice(0, 200), type: 'lender' });
    expect([...longest.organization.name]).toHaveLength(200);
  });

    it('keeps serving a serial issued before version 3 as issued (version 1), without a subject', async () => {
    const content = Buffer.from(`legacy ${Date.now()}`);
    const item = await recordEvidence({
      prisma: services.prisma,
      sha256: new Uint8Array(createHash('sha256').update(content).digest()),
      size: content.length,
      storageKey: null,
      fileName: 'legacy.txt',
      mediaType: 'text/plain',
    });
    await anchorPending();
    const first = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer });
    // A record as version 2 of the code left it: no frozen subject.
    await services.prisma.certificate.update({ where: { serial: first.serial }, data: { subject: Prisma.DbNull, provenance: Prisma.DbNull } });
    const served = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer });
    expect(served.serial).toBe(first.serial);
    expect(served.version).toBe(1);
    expect(served).not.toHaveProperty('subject');
    expect(served).not.toHaveProperty('provenance');
    expect((await verify(served)).valid).toBe(true);
  });
});

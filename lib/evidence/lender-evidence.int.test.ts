// The lender portal's evidence services against real PostgreSQL and the local chain: an upload names
// its borrower and is audited; the list filters and pages within the viewer's organization only;
// status filters follow the batches; another tenant, a borrower and nobody see what they should.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAllPendingEvidence } from '../batches/seal-all-pending-evidence';
import { downloadEvidenceCertificate } from '../certificates/download-evidence-certificate';
import { downloadEvidenceDocument } from '../certificates/download-evidence-document';
import { loadIssuer } from '../certificates/load-issuer';
import { pdfText, writeTempPdf } from '../certificates/pdf-test-tools';
import { anonymousViewer, type BorrowerViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import { loadUserViewer } from '../auth/load-user-viewer';
import { EvidenceNotFoundError, FieldErrorsError, ForbiddenError, UnauthorizedError } from '../errors';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { uploadTestFile } from '../testing/upload-test-file';
import { getFilingOptions } from '../cases/get-filing-options';
import { evidenceSearchSchema } from './evidence-schemas';
import { getEvidence } from './get-evidence';
import { getEvidenceDetail } from './get-evidence-detail';
import { searchEvidence } from './search-evidence';

let services: TestServices;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let regulator: StaffViewer;
let borrower1: BorrowerViewer;

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  lenderA = await staffViewer('lender-a@evident.demo');
  lenderB = await staffViewer('lender-b@evident.demo');
  regulator = await staffViewer('regulator@evident.demo');
  borrower1 = (await loadUserViewer({ prisma: services.prisma, user: { email: 'borrower-1@evident.demo' }, ipAddress: null })) as BorrowerViewer;
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

async function staffViewer(email: string): Promise<StaffViewer> {
  const viewer = await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '203.0.113.7' });
  if (viewer?.kind !== 'staff') throw new Error(`${email} is not a staff account`);
  return viewer;
}

const upload = (submitter: Viewer, fields: Record<string, string>, content?: string) => uploadTestFile(services, submitter, fields, { content });

const zhangWei = { borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' };
const search = (viewer: Viewer, query: Record<string, string> = {}) =>
  searchEvidence({ prisma: services.prisma, viewer, filters: evidenceSearchSchema.parse(query) });

describe('lender evidence', () => {
  it('links an upload to the named borrower, records who submitted it and audits it', async () => {
    const uploaded = await upload(lenderA, { title: '借款合同 2026-001', type: 'loan_contract', loanReference: 'L-2026-001', ...zhangWei });
    expect(uploaded).toMatchObject({ title: '借款合同 2026-001', type: 'loan_contract', loanReference: 'L-2026-001', status: 'pending' });
    // Browsers send the file name as UTF-8.
    expect(uploaded.fileName).toBe('借款合同扫描件.txt');
    // The demo borrower is found by the ID number's keyed hash, not created again.
    expect(uploaded.borrower).toEqual({ id: borrower1.borrowerId, name: '张伟 Zhang Wei' });
    const row = await services.prisma.evidence.findUniqueOrThrow({ where: { id: uploaded.id } });
    expect(row).toMatchObject({ organizationId: lenderA.organizationId, submittedByUserId: lenderA.userId, borrowerId: borrower1.borrowerId, title: '借款合同 2026-001' });
    const audit = await services.prisma.auditEntry.findFirstOrThrow({ where: { action: 'evidence.upload', targetId: uploaded.id } });
    expect(audit).toMatchObject({ actorUserId: lenderA.userId, actorLabel: lenderA.email, organizationId: lenderA.organizationId, ipAddress: '203.0.113.7' });
  });

  it('tells two borrowers of one name apart in the case form by a masked identifier', async () => {
    // Another 张伟, named by phone only: a different person, created once.
    await upload(lenderA, { title: '借款合同 张伟二', type: 'loan_contract', borrowerName: '张伟', borrowerPhone: '+8613912345678' });
    const { borrowers } = await getFilingOptions({ prisma: services.prisma, viewer: lenderA });
    const hints = borrowers.filter((b) => b.name.startsWith('张伟')).map((b) => b.identifierHint);
    // The seeded 张伟 by ID number, the new one by phone; neither identifier is shown whole.
    expect(hints).toEqual(expect.arrayContaining(['4401**********451X', '+861******5678']));
  });

  it('refuses a portal upload without its description, naming every field, and stores nothing', async () => {
    const before = await services.prisma.evidence.count();
    const error = await upload(lenderA, { borrowerName: '王五', borrowerPhone: 'abc', type: 'contract' }).catch((e) => e);
    expect(error).toBeInstanceOf(FieldErrorsError);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['borrowerPhone', 'title', 'type']);
    const empty = await upload(lenderA, {}).catch((e) => e);
    expect(Object.keys(empty.fieldErrors).sort()).toEqual(['borrowerIdNumber', 'borrowerName', 'title', 'type']);
    expect(await services.prisma.evidence.count()).toBe(before);
  });

  it('lets only lenders upload', async () => {
    await expect(upload(anonymousViewer(), {})).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(upload(regulator, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(upload(borrower1, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('filters, searches and pages within the organization, newest first', async () => {
    const stamp = Date.now();
    const repayment = await upload(lenderA, { title: `还款记录 ${stamp}`, type: 'repayment_record', loanReference: `L-${stamp}`, ...zhangWei });
    const notice = await upload(lenderA, { title: `催收通知 ${stamp}`, type: 'notice', loanReference: `L-${stamp}`, borrowerName: '李娜', borrowerPhone: '+86 138-0000-0002' });
    const other = await upload(lenderB, { title: `还款记录 ${stamp}`, type: 'repayment_record', loanReference: `L-${stamp}`, ...zhangWei });

    const byLoan = await search(lenderA, { loanReference: `L-${stamp}` });
    expect(byLoan.items.map((i) => i.id)).toEqual([notice.id, repayment.id]);
    expect(byLoan.total).toBe(2);
    expect((await search(lenderA, { loanReference: `L-${stamp}`, type: 'notice' })).items.map((i) => i.id)).toEqual([notice.id]);
    const byBorrower = await search(lenderA, { loanReference: `L-${stamp}`, borrower: 'li na' });
    expect(byBorrower.items).toMatchObject([{ id: notice.id, borrowerName: '李娜 Li Na' }]);
    expect((await search(lenderA, { q: `催收通知 ${stamp}` })).items.map((i) => i.id)).toEqual([notice.id]);
    expect((await search(lenderB, { loanReference: `L-${stamp}` })).items.map((i) => i.id)).toEqual([other.id]);

    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    expect((await search(lenderA, { loanReference: `L-${stamp}`, from: today, to: today })).total).toBe(2);
    expect((await search(lenderA, { loanReference: `L-${stamp}`, to: '2020-01-01' })).total).toBe(0);

    const firstPage = await searchEvidence({ prisma: services.prisma, viewer: lenderA, filters: evidenceSearchSchema.parse({}), pageSize: 2 });
    const secondPage = await searchEvidence({ prisma: services.prisma, viewer: lenderA, filters: evidenceSearchSchema.parse({ page: '2' }), pageSize: 2 });
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.pageCount).toBeGreaterThanOrEqual(2);
    expect(BigInt(secondPage.items[0].sequence)).toBeLessThan(BigInt(firstPage.items[1].sequence));
    // A borrower sees what names them, across lenders.
    expect((await search(borrower1, { loanReference: `L-${stamp}` })).items.map((i) => i.id).sort()).toEqual([repayment.id, other.id].sort());
    await expect(search(anonymousViewer())).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('follows status through sealing and anchoring, with a timeline and audited downloads', async () => {
    const stamp = Date.now();
    const item = await upload(lenderA, { title: `交易流水 ${stamp}`, type: 'transaction_record', loanReference: `S-${stamp}`, ...zhangWei });
    const status = async (s: string) => (await search(lenderA, { loanReference: `S-${stamp}`, status: s })).items.map((i) => i.id);
    expect(await status('pending')).toEqual([item.id]);
    expect(await status('anchored')).toEqual([]);

    await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 100_000 });
    expect(await status('pending')).toEqual([]);
    expect(await status('anchoring')).toEqual([item.id]);
    const sealed = await getEvidenceDetail({ prisma: services.prisma, viewer: lenderA, evidenceId: item.id });
    expect(sealed.sealedAt).not.toBeNull();
    expect(sealed.anchor).toBeNull();

    await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
    expect(await status('anchoring')).toEqual([]);
    expect(await status('anchored')).toEqual([item.id]);

    const issuer = await loadIssuer(services.config);
    const certificate = await downloadEvidenceCertificate({ prisma: services.prisma, viewer: lenderA, evidenceId: item.id, issuer });
    const receipt = await downloadEvidenceDocument({
      prisma: services.prisma,
      viewer: borrower1,
      evidenceId: item.id,
      kind: 'receipt',
      issuer,
      publicBaseUrl: services.config.publicBaseUrl,
    });
    expect(receipt.fileName).toContain(certificate.serial);
    // The receipt is addressed to the borrower and names the lender, the title and the type.
    const receiptText = pdfText(writeTempPdf(receipt.bytes, 'receipt.pdf')).replace(/\s+/g, ' ');
    for (const expected of ['张伟 Zhang Wei', lenderA.organizationName, `交易流水 ${stamp}`, '交易记录 Transaction record']) {
      expect(receiptText).toContain(expected);
    }
    const detail = await getEvidenceDetail({ prisma: services.prisma, viewer: lenderA, evidenceId: item.id });
    expect(detail).toMatchObject({ status: 'anchored', title: `交易流水 ${stamp}`, borrowerName: '张伟 Zhang Wei', certificate: { serial: certificate.serial } });
    const downloads = await services.prisma.auditEntry.findMany({ where: { targetId: item.id, action: { in: ['certificate.download', 'receipt.download'] } }, orderBy: { sequence: 'asc' } });
    expect(downloads.map((d) => [d.action, d.actorLabel])).toEqual([
      ['certificate.download', lenderA.email],
      ['receipt.download', borrower1.email],
    ]);

    // Another lender, and a commission without a case holding it, are told it does not exist.
    await expect(getEvidence({ prisma: services.prisma, viewer: lenderB, evidenceId: item.id })).rejects.toBeInstanceOf(EvidenceNotFoundError);
    await expect(downloadEvidenceCertificate({ prisma: services.prisma, viewer: lenderB, evidenceId: item.id, issuer })).rejects.toBeInstanceOf(EvidenceNotFoundError);
    const arbitrator = await staffViewer('arbitrator@evident.demo');
    await expect(getEvidenceDetail({ prisma: services.prisma, viewer: arbitrator, evidenceId: item.id })).rejects.toBeInstanceOf(EvidenceNotFoundError);
    await expect(getEvidence({ prisma: services.prisma, viewer: anonymousViewer(), evidenceId: item.id })).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

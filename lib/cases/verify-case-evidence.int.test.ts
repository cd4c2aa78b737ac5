// Verify all and the case's path through review, on the real database and the local chain. The
// tampering tests change what the database or the disk says, and the checks against the chain and the
// re-hashed file must catch it: verification does not take the database's word.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffViewer } from '../auth/viewer';
import { sealPendingEvidence } from '../batches/seal-pending-evidence';
import { CaseNotVerifiedError, ForbiddenError, InvalidCaseTransitionError, StoredFileHashMismatchError } from '../errors';
import { pdfAttachments, pdfText, writeTempPdf } from '../certificates/pdf-test-tools';
import { storedFilePath } from '../storage/store-stream';
import { startCaseFixture, type CaseFixture } from './case-test-fixture';
import { changeCaseStatus } from './change-case-status';
import { fileCase } from './file-case';
import { getCase } from './get-case';
import { downloadVerificationReport } from './download-verification-report';
import { openEvidenceOriginal } from './open-evidence-original';
import { verifyCaseEvidence } from './verify-case-evidence';

let f: CaseFixture;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let arbitrator: StaffViewer;
let borrower1: string;
let commission: string;

beforeAll(async () => {
  f = await startCaseFixture();
  [lenderA, lenderB, arbitrator] = await Promise.all([
    f.staff('lender-a@evident.demo'),
    f.staff('lender-b@evident.demo'),
    f.staff('arbitrator@evident.demo'),
  ]);
  borrower1 = await f.borrowerId('borrower-1@evident.demo');
  commission = await f.commissionId();
});

afterAll(async () => {
  await f?.stop();
});

async function fileWith(evidenceIds: string[]) {
  return fileCase({
    prisma: f.services.prisma,
    viewer: lenderA,
    input: { commissionOrganizationId: commission, borrowerId: borrower1, title: 'Loan dispute', evidenceIds },
    borrowerIdSalt: f.services.secrets.borrowerIdSalt,
  });
}

const verify = (caseId: string) =>
  verifyCaseEvidence({
    prisma: f.services.prisma,
    viewer: arbitrator,
    caseId,
    issuer: f.issuer,
    chainRpcUrl: f.services.chainRpcUrl,
    storageDir: f.services.config.storageDir,
  });

const move = (caseId: string, to: 'under_review' | 'verified' | 'closed' | 'filed', viewer = arbitrator) =>
  changeCaseStatus({ prisma: f.services.prisma, viewer, caseId, to });

describe('the report’s legal review points', () => {
  it('maps the checks onto the articles in the PDF and the JSON, with the operator’s statements as statements', async () => {
    const items = [await f.addEvidence({ lender: lenderA, borrowerId: borrower1 })];
    await f.anchorAll();
    const filed = await fileWith(items.map((i) => i.id));
    await move(filed.id, 'under_review');
    await verify(filed.id);
    const report = await f.services.prisma.verificationReport.findFirstOrThrow({ where: { caseId: filed.id } });
    const download = (format: 'pdf' | 'json', operatorStatements: Parameters<typeof downloadVerificationReport>[0]['operatorStatements']) =>
      downloadVerificationReport({ prisma: f.services.prisma, viewer: arbitrator, caseId: filed.id, reportId: report.id, format, operatorStatements });

    const json = JSON.parse(new TextDecoder().decode((await download('json', null)).body));
    expect(json.legalReview.map((point: { id: string }) => point.id)).toEqual([
      'online-rules-16', 'online-rules-17', 'online-rules-18', 'online-rules-19', 'internet-courts-11', 'evidence-rules-94', 'e-signature-13-14',
    ]);
    const result = (id: string) => json.legalReview.find((point: { id: string }) => point.id === id).result;
    expect(result('online-rules-16')).toBe('supported');
    expect(result('online-rules-18')).toBe('outside-software');
    expect(result('e-signature-13-14')).toBe('supported');
    expect(json.legalReview.find((point: { id: string }) => point.id === 'online-rules-17').operatorStatementsMissing).toBe(true);

    const withoutStatements = pdfText(writeTempPdf((await download('pdf', null)).body, 'without.pdf'));
    expect(withoutStatements).toContain('法律审查要点');
    expect(withoutStatements).toContain('第十六条');
    expect(withoutStatements).toContain('软件无法核验');
    expect(withoutStatements).toContain('运营方声明：未配置');

    const statements = {
      operator: { zh: '示例运营有限公司', en: 'Example Operator Ltd' },
      blockchainServiceFilingNumber: '京网信备11010000000000000001号',
      neutrality: { zh: '运营方与本案当事人无利害关系。', en: 'The operator has no interest in the parties.' },
    };
    const withStatements = pdfText(writeTempPdf((await download('pdf', statements)).body, 'with.pdf'));
    expect(withStatements).toContain('示例运营有限公司');
    expect(withStatements).toContain('京网信备11010000000000000001号');
    expect(withStatements).toContain('运营方与本案当事人无利害关系');

    // The operator's seal: never drawn unless configured, drawn once when it is.
    const images = (body: Uint8Array, name: string) =>
      execFileSync('pdfimages', ['-list', writeTempPdf(body, name)], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(images((await download('pdf', statements)).body, 'unsealed.pdf')).toEqual([]);
    const sealImage = {
      format: 'png' as const,
      bytes: Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8CAB+GTG8HSALfKY52fTcuYAAAAAElFTkSuQmCC', 'base64')),
    };
    const sealed = await downloadVerificationReport({
      prisma: f.services.prisma,
      viewer: arbitrator,
      caseId: filed.id,
      reportId: report.id,
      format: 'pdf',
      operatorStatements: statements,
      operatorSealImage: sealImage,
    });
    expect(images(sealed.body, 'sealed.pdf')).toHaveLength(1);
    expect(pdfText(writeTempPdf(sealed.body, 'sealed-text.pdf'))).toContain('示例运营有限公司（电子印章 electronic seal）');
  });
});

describe('Verify all and review', () => {
  it('passes anchored evidence against the chain, then walks the case to closed with audit entries', async () => {
    const items = [await f.addEvidence({ lender: lenderA, borrowerId: borrower1 }), await f.addEvidence({ lender: lenderA, borrowerId: borrower1 })];
    await f.anchorAll();
    const filed = await fileWith(items.map((i) => i.id));

    await expect(move(filed.id, 'verified')).rejects.toBeInstanceOf(InvalidCaseTransitionError);
    await expect(move(filed.id, 'under_review', lenderA)).rejects.toBeInstanceOf(ForbiddenError);
    await move(filed.id, 'under_review');
    await expect(move(filed.id, 'verified')).rejects.toBeInstanceOf(CaseNotVerifiedError);

    const outcome = await verify(filed.id);
    expect(outcome).toMatchObject({ passed: true, itemCount: 2, failedCount: 0 });
    for (const result of outcome.results) {
      expect(result.storedFileChecked).toBe(true);
      expect(Object.fromEntries(result.checks.map((c) => [c.id, c.status]))).toEqual({
        'certificate-format': 'pass',
        'file-hash': 'pass',
        leaf: 'pass',
        'inclusion-proof': 'pass',
        'chain-anchor': 'pass',
        signature: 'pass',
        revocation: 'pass',
        timestamp: 'skipped', // this test's batches are not timestamped: version 1 certificates
      });
    }
    await move(filed.id, 'verified');
    await expect(move(filed.id, 'under_review')).rejects.toBeInstanceOf(InvalidCaseTransitionError);
    await move(filed.id, 'closed');
    await expect(move(filed.id, 'filed')).rejects.toBeInstanceOf(InvalidCaseTransitionError);

    const audit = await f.services.prisma.auditEntry.findMany({ where: { targetId: filed.id }, orderBy: { sequence: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['case.file', 'case.status_change', 'case.verify', 'case.status_change', 'case.status_change']);
    expect(audit.filter((a) => a.action === 'case.status_change').map((a) => a.details)).toEqual([
      expect.objectContaining({ from: 'filed', to: 'under_review' }),
      expect.objectContaining({ from: 'under_review', to: 'verified' }),
      expect.objectContaining({ from: 'verified', to: 'closed' }),
    ]);
    const report = await f.services.prisma.verificationReport.findFirstOrThrow({ where: { caseId: filed.id } });
    expect(report.verifiedByUserId).toBe(arbitrator.userId);

    const csv = await downloadVerificationReport({ prisma: f.services.prisma, viewer: lenderA, caseId: filed.id, reportId: report.id, format: 'csv' });
    const csvText = new TextDecoder().decode(csv.body);
    expect(csvText).toContain('chain-anchor,pass');
    // Each check explained in Chinese, the English beside it.
    expect(csvText).toMatch(/revocation,pass,签发方确认证书 EVD-[\w-]+ 未被吊销。,The issuer reports certificate EVD-[\w-]+ as not revoked\./);
    const pdf = await downloadVerificationReport({ prisma: f.services.prisma, viewer: arbitrator, caseId: filed.id, reportId: report.id, format: 'pdf' });
    const pdfFile = writeTempPdf(pdf.body, pdf.fileName);
    const text = pdfText(pdfFile);
    expect(text).toContain(filed.caseNumber);
    expect(text).toContain('证据核验报告');
    expect(text).toContain('链上锚定');
    expect(text).toContain('全部检查均已对照区块链通过');
    expect(text).toContain('未被吊销');
    expect(text).toContain('as not revoked');
    // Each item's provenance (Art. 18), in the PDF and the JSON.
    expect(text).toContain('Provenance');
    const json = await downloadVerificationReport({ prisma: f.services.prisma, viewer: arbitrator, caseId: filed.id, reportId: report.id, format: 'json' });
    const results = (JSON.parse(new TextDecoder().decode(json.body)) as { results: Array<{ evidenceId: string; provenance: { channel: string; submittedAt: string } }> }).results;
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.provenance).toMatchObject({ channel: expect.stringMatching(/^(portal|api|system)$/), submittedAt: expect.any(String) });
    expect(pdfAttachments(pdfFile).names).toEqual([`${filed.caseNumber}-verification-report.json`]);
    await expect(
      downloadVerificationReport({ prisma: f.services.prisma, viewer: lenderB, caseId: filed.id, reportId: report.id, format: 'json' }),
    ).rejects.toMatchObject({ code: 'report-not-found' });
    expect(await f.services.prisma.auditEntry.count({ where: { action: 'case.report_download', targetId: report.id } })).toBe(3);
  });

  it('fails an item whose stored file was altered on disk, and refuses to hand it out', async () => {
    const good = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const altered = await f.addEvidence({ lender: lenderA, borrowerId: borrower1, title: 'Altered contract' });
    await f.anchorAll();
    await writeFile(storedFilePath(f.services.config.storageDir, altered.storageKey), 'someone edited this file');
    const filed = await fileWith([good.id, altered.id]);

    const outcome = await verify(filed.id);
    expect(outcome).toMatchObject({ passed: false, failedCount: 1 });
    const bad = outcome.results.find((r) => r.evidenceId === altered.id)!;
    expect(bad.passed).toBe(false);
    expect(bad.checks.find((c) => c.id === 'file-hash')?.status).toBe('fail');
    expect(bad.checks.find((c) => c.id === 'chain-anchor')?.status).toBe('pass');
    expect(outcome.results.find((r) => r.evidenceId === good.id)?.passed).toBe(true);

    const download = openEvidenceOriginal({ prisma: f.services.prisma, viewer: arbitrator, evidenceId: altered.id, storageDir: f.services.config.storageDir });
    await expect(download).rejects.toBeInstanceOf(StoredFileHashMismatchError);
    const refusal = await f.services.prisma.auditEntry.findFirst({ where: { action: 'evidence.download', targetId: altered.id } });
    expect(refusal?.details).toMatchObject({ outcome: 'stored-file-hash-mismatch' });
    const detail = await getCase({ prisma: f.services.prisma, viewer: arbitrator, caseId: filed.id });
    expect(detail.storedFileMismatches).toEqual([{ id: altered.id, label: 'Altered contract' }]);

    await move(filed.id, 'under_review');
    await expect(move(filed.id, 'verified')).rejects.toBeInstanceOf(CaseNotVerifiedError);
  });

  it('fails an item whose batch root was tampered in the database', async () => {
    const item = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    await f.anchorAll();
    const batch = await f.services.prisma.batch.findFirstOrThrow({ orderBy: { lastSequence: 'desc' } });
    await f.services.prisma.batch.update({ where: { id: batch.id }, data: { root: randomBytes(32) } });
    const filed = await fileWith([item.id]);
    const outcome = await verify(filed.id);
    expect(outcome.passed).toBe(false);
    expect(outcome.results[0].passed).toBe(false);
  });

  // Last: the forged final batch leaves the anchoring chain of previous roots unusable for later batches.
  it('fails an item whose batch the database calls final but whose root is not on chain', async () => {
    const unanchored = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const batch = await sealPendingEvidence({ prisma: f.services.prisma, maxLeaves: 1000 });
    expect(batch).not.toBeNull();
    // Forge what a finished anchoring would have written, without ever sending the transaction.
    await f.services.prisma.batch.update({
      where: { id: batch!.id },
      data: {
        status: 'final',
        chainId: f.services.chain.chainId,
        contractAddress: f.services.contractAddress.toLowerCase(),
        anchorSubmitter: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
        previousRoot: Buffer.alloc(32),
        txHash: `0x${randomBytes(32).toString('hex')}`,
        blockNumber: 1n,
        blockTime: BigInt(Math.floor(Date.now() / 1000)),
        anchoredAt: new Date(),
      },
    });
    const pending = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 });
    const filed = await fileWith([unanchored.id, pending.id]);

    const outcome = await verify(filed.id);
    expect(outcome).toMatchObject({ passed: false, failedCount: 2 });
    const forged = outcome.results.find((r) => r.evidenceId === unanchored.id)!;
    expect(forged.checks.find((c) => c.id === 'chain-anchor')?.status).toBe('fail');
    expect(forged.checks.find((c) => c.id === 'file-hash')?.status).toBe('pass');
    const notYet = outcome.results.find((r) => r.evidenceId === pending.id)!;
    expect(notYet).toMatchObject({ passed: false, reason: 'not-anchored' });
  });
});


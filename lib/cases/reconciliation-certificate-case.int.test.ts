// A break's reconciliation certificate, issued to the pair's banks, added to an arbitration case and
// verified there with the case's evidence, on the real database and the real local chain: the same
// bytes on every download, only the case's own lender adds it, and "Verify all" checks it against
// the chain (a side not anchored fails; anchored, it passes; a stored certificate edited afterwards
// fails).
import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffViewer } from '../auth/viewer';
import { anchorReconciliationSide } from '../chain/anchor-reconciliation-side';
import { DEMO_RECONCILIATION_DAYS } from '../demo/demo-consortium';
import { DomainError } from '../errors';
import { problemResponse } from '../http/problem-response';
import { openCasePackage } from '../evidence-package/open-case-package';
import { checkPackagedReconciliationCertificate } from '../proof/check-packaged-reconciliation-certificate';
import { parsePackageManifest } from '../proof/package-manifest-schema';
import { verifyCertificate } from '../proof/verify-certificate';
import { issueBreakCertificate } from '../reconciliation/issue-break-certificate';
import { pairIdOnChain } from '../reconciliation/pair-id-on-chain';
import { reconciliationCertificateBytes } from '../reconciliation/reconciliation-certificate';
import { addReconciliationCertificate } from './add-reconciliation-certificate';
import { startCaseFixture, type CaseFixture } from './case-test-fixture';
import { fileCase } from './file-case';
import { getCase } from './get-case';
import { verifyCaseEvidence } from './verify-case-evidence';
import { downloadVerificationReport } from './download-verification-report';
import { pdfText, writeTempPdf } from '../certificates/pdf-test-tools';

let f: CaseFixture;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let arbitrator: StaffViewer;
let regulator: StaffViewer;
let pairId: string;
let caseId: string;
const day = DEMO_RECONCILIATION_DAYS[0];
let onlyA: number;
let mismatch: number;

beforeAll(async () => {
  f = await startCaseFixture();
  [lenderA, lenderB, arbitrator, regulator] = await Promise.all(['lender-a', 'lender-b', 'arbitrator', 'regulator'].map((name) => f.staff(`${name}@evident.demo`)));
  const borrowerId = await f.borrowerId('borrower-1@evident.demo');
  const evidence = await f.addEvidence({ lender: lenderA, borrowerId });
  await f.anchorAll();
  const filed = await fileCase({
    prisma: f.services.prisma,
    viewer: lenderA,
    input: { commissionOrganizationId: await f.commissionId(), borrowerId, title: 'Repayment dispute', evidenceIds: [evidence.id] },
    borrowerIdSalt: f.services.secrets.borrowerIdSalt,
  });
  caseId = filed.id;
  pairId = (await f.services.prisma.reconciliationPair.findFirstOrThrow()).id;
  const statement = await f.services.prisma.reconciliationStatement.findFirstOrThrow({ where: { pairId, businessDate: day }, include: { breaks: { orderBy: { ordinal: 'asc' } } } });
  onlyA = statement.breaks.find((b) => b.breakClass === 'only_a')!.ordinal;
  mismatch = statement.breaks.find((b) => b.breakClass === 'field_mismatch')!.ordinal;
}, 180_000);

afterAll(async () => {
  await f?.stop();
});

const issue = (viewer: StaffViewer, ordinal: number, proof?: 'inclusion' | 'absence' | 'field-mismatch') =>
  issueBreakCertificate({
    prisma: f.services.prisma,
    viewer,
    pairId,
    businessDate: day,
    ordinal,
    proof,
    storageDir: f.services.config.storageDir,
    keySecret: f.services.secrets.reconciliationKeySecret,
    issuer: f.issuer,
  });

const add = (viewer: StaffViewer, ordinal: number, proof?: 'inclusion' | 'absence' | 'field-mismatch', toCase = caseId) =>
  addReconciliationCertificate({
    prisma: f.services.prisma,
    viewer,
    caseId: toCase,
    pairId,
    businessDate: day,
    ordinal,
    proof,
    storageDir: f.services.config.storageDir,
    keySecret: f.services.secrets.reconciliationKeySecret,
    issuer: f.issuer,
  });

async function status(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
    return 200;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return problemResponse(error).status;
  }
}

const verifyAll = () =>
  verifyCaseEvidence({ prisma: f.services.prisma, viewer: arbitrator, caseId, issuer: f.issuer, chainRpcUrl: f.services.chainRpcUrl, storageDir: f.services.config.storageDir });

describe("a break's certificate", () => {
  it('is issued once per half and served as the same bytes to both banks; the verifier accepts each', async () => {
    const inclusion = await issue(lenderA, onlyA);
    const again = await issue(lenderB, onlyA, 'inclusion');
    expect(reconciliationCertificateBytes(again)).toEqual(reconciliationCertificateBytes(inclusion));
    const absence = await issue(lenderA, onlyA, 'absence');
    const fields = await issue(lenderB, mismatch);
    expect([inclusion.class, inclusion.proof.kind, inclusion.attestedSides.map((s) => s.bank)]).toEqual(['only-a', 'reconciliation-inclusion', ['A']]);
    expect([absence.class, absence.proof.kind, absence.attestedSides.map((s) => s.bank)]).toEqual(['only-a', 'reconciliation-absence', ['B']]);
    expect([fields.class, fields.proof.kind, fields.attestedSides.map((s) => s.bank)]).toEqual(['field-mismatch', 'reconciliation-field-mismatch', ['A', 'B']]);
    for (const certificate of [inclusion, absence, fields]) {
      const report = await verifyCertificate({ certificate: JSON.parse(new TextDecoder().decode(reconciliationCertificateBytes(certificate))), trustedIssuers: [f.issuer.address] });
      expect(report.valid, certificate.proof.kind).toBe(true);
    }
  });

  it("of a timing break is its day's two halves (the late bank's inclusion, the other's absence); of a row within tolerance, the field mismatch", async () => {
    const nextDay = DEMO_RECONCILIATION_DAYS[1];
    const statement = await f.services.prisma.reconciliationStatement.findFirstOrThrow({ where: { pairId, businessDate: nextDay }, include: { breaks: true } });
    const timing = statement.breaks.find((b) => b.breakClass === 'timing')!;
    const tolerated = (await f.services.prisma.reconciliationBreak.findFirst({ where: { statement: { pairId }, breakClass: 'within_tolerance' } }))!;
    expect(timing, 'the demo has a timing break on its second day').toBeDefined();
    expect(tolerated, 'the demo has a row within tolerance').toBeDefined();
    const issueOn = (businessDate: string, ordinal: number, proof?: 'inclusion' | 'absence' | 'field-mismatch') =>
      issueBreakCertificate({ prisma: f.services.prisma, viewer: lenderA, pairId, businessDate, ordinal, proof, storageDir: f.services.config.storageDir, keySecret: f.services.secrets.reconciliationKeySecret, issuer: f.issuer });
    const late = timing.indexA !== null ? 'A' : 'B';
    const inclusion = await issueOn(nextDay, timing.ordinal);
    const absence = await issueOn(nextDay, timing.ordinal, 'absence');
    expect([inclusion.class, inclusion.businessDate, inclusion.proof.kind, inclusion.attestedSides.map((s) => s.bank)]).toEqual([
      late === 'A' ? 'only-a' : 'only-b',
      nextDay,
      'reconciliation-inclusion',
      [late],
    ]);
    expect([absence.proof.kind, absence.attestedSides.map((s) => s.bank)]).toEqual(['reconciliation-absence', [late === 'A' ? 'B' : 'A']]);
    const toleratedDay = (await f.services.prisma.reconciliationStatement.findUniqueOrThrow({ where: { id: tolerated.statementId } })).businessDate;
    const fields = await issueOn(toleratedDay, tolerated.ordinal);
    expect([fields.class, fields.proof.kind]).toEqual(['field-mismatch', 'reconciliation-field-mismatch']);
    for (const certificate of [inclusion, absence, fields]) {
      const report = await verifyCertificate({ certificate: JSON.parse(new TextDecoder().decode(reconciliationCertificateBytes(certificate))), trustedIssuers: [f.issuer.address] });
      expect(report.valid, `${certificate.class} ${certificate.proof.kind}`).toBe(true);
    }
    expect(await status(() => issueOn(nextDay, timing.ordinal, 'field-mismatch'))).toBe(400);
    expect(await status(() => issueOn(toleratedDay, tolerated.ordinal, 'absence'))).toBe(400);
  });

  it('is refused to others and for what has no certificate', async () => {
    expect(await status(() => issue(regulator, onlyA))).toBe(403);
    expect(await status(() => issue(arbitrator, onlyA))).toBe(403);
    expect(await status(() => issue(lenderA, 99_999))).toBe(404);
    expect(await status(() => issue(lenderA, mismatch, 'absence'))).toBe(400);
    expect(await status(() => issue(lenderA, onlyA, 'field-mismatch'))).toBe(400);
  });
});

describe('in an arbitration case', () => {
  it("only the case's lender adds it, once; another bank's or a malformed case is not found", async () => {
    expect(await add(lenderA, mismatch)).toMatchObject({ added: true });
    expect(await add(lenderA, mismatch)).toMatchObject({ added: false });
    expect(await status(() => add(lenderB, onlyA))).toBe(404);
    expect(await status(() => add(lenderA, onlyA, 'inclusion', 'not-a-case'))).toBe(404);
    expect(await status(() => add(arbitrator, onlyA))).toBe(403);
    const detail = await getCase({ prisma: f.services.prisma, viewer: arbitrator, caseId });
    expect(detail.reconciliationCertificates.map((c) => [c.class, c.proof, c.businessDate])).toEqual([['field-mismatch', 'field-mismatch', day]]);
  });

  it('Verify all fails it while its sides are not on chain, passes it once they are, and fails an edited one', async () => {
    const before = await verifyAll();
    expect(before.reconciliation).toHaveLength(1);
    expect(before.reconciliation[0]).toMatchObject({ passed: false, chain: [{ bank: 'A', status: 'fail' }, { bank: 'B', status: 'fail' }] });
    expect(before.reconciliation[0].message).toMatch(/not anchored on chain/);
    expect(before.passed).toBe(false);

    // What the anchoring outbox does for every committed side: anchorSide on the ReconciliationAnchor.
    const contract = (await f.services.prisma.chainDeployment.findFirstOrThrow()).reconciliationAnchorAddress!;
    for (const side of await f.services.prisma.reconciliationSide.findMany({ where: { pairId, businessDate: day } })) {
      await anchorReconciliationSide(f.services.chain, {
        signer: f.services.chain.signer as Wallet,
        contractAddress: contract,
        side: { pairId: pairIdOnChain(pairId), businessDate: day, bank: side.bank === 'A' ? 'bank-a' : 'bank-b', root: new Uint8Array(side.root), rowCount: side.rowCount, receiptHash: new Uint8Array(side.receiptSha256) },
      });
    }
    const after = await verifyAll();
    expect(after.reconciliation[0]).toMatchObject({ passed: true, class: 'field-mismatch', chain: [{ bank: 'A', status: 'pass' }, { bank: 'B', status: 'pass' }] });
    expect(after.reconciliation[0].checks.map((c) => [c.id, c.status])).toEqual([
      ['certificate-format', 'pass'],
      ['reconciliation-proof', 'pass'],
      ['signature', 'pass'],
      ['revocation', 'skipped'],
    ]);
    expect(after.passed).toBe(true);
    const detail = await getCase({ prisma: f.services.prisma, viewer: lenderA, caseId });
    expect(detail.latestReconciliationResults?.[0].passed).toBe(true);

    // The report the arbitrator downloads for the case file lists the certificate, its checks and
    // each side read back from the chain, in the PDF, the CSV and the JSON alike.
    const serial = after.reconciliation[0].serial;
    const download = (format: 'pdf' | 'csv' | 'json') => downloadVerificationReport({ prisma: f.services.prisma, viewer: arbitrator, caseId, reportId: after.reportId, format });
    const pdf = pdfText(writeTempPdf((await download('pdf')).body, 'report-with-reconciliation'));
    expect(pdf).toContain('四、对账证书');
    expect(pdf).toContain(serial);
    expect(pdf).toContain('A 方对账数据与链上记录一致。');
    expect(pdf).toContain('B 方对账数据与链上记录一致。');
    expect(pdf).toContain('五、法律审查要点');
    const csv = new TextDecoder().decode((await download('csv')).body);
    expect(csv.split('\r\n').filter((line) => line.includes(`,${serial},`)).map((line) => line.split(',').slice(10, 12).join(' '))).toEqual([
      'certificate-format pass',
      'reconciliation-proof pass',
      'signature pass',
      'revocation skipped',
      'chain-side-A pass',
      'chain-side-B pass',
    ]);
    const json = JSON.parse(new TextDecoder().decode((await download('json')).body));
    expect(json.reconciliation).toEqual(after.reconciliation);

    // The case's evidence package carries it as issued, covered by the signed manifest.
    const opened = await openCasePackage({ prisma: f.services.prisma, viewer: arbitrator, caseId, issuer: f.issuer, storageDir: f.services.config.storageDir, publicBaseUrl: 'http://evident.test' });
    const entries = unzipSync(new Uint8Array(await new Response(opened.stream).arrayBuffer()));
    const folder = Object.keys(entries)[0]!.split('/')[0];
    const manifestBytes = entries[`${folder}/manifest.json`]!;
    const read = parsePackageManifest(manifestBytes);
    expect(read.ok && read.manifest.version === 2 && read.manifest.reconciliationCertificates).toEqual([
      { path: `reconciliation/${after.reconciliation[0].serial}.json`, sha256: after.reconciliation[0].sha256, serial: after.reconciliation[0].serial },
    ]);
    const packaged = entries[`${folder}/reconciliation/${after.reconciliation[0].serial}.json`]!;
    expect(`0x${createHash('sha256').update(packaged).digest('hex')}`).toBe(after.reconciliation[0].sha256);
    const entry = { path: `reconciliation/${after.reconciliation[0].serial}.json`, serial: after.reconciliation[0].serial };
    expect(await checkPackagedReconciliationCertificate({ text: new TextDecoder().decode(packaged), entry, issuer: f.issuer.address })).toBeNull();
    // A package whose manifest names another serial for the file, or a file that is no reconciliation certificate, fails.
    expect(await checkPackagedReconciliationCertificate({ text: new TextDecoder().decode(packaged), entry: { ...entry, serial: 'EVR-0000-0000-0000-0000' }, issuer: f.issuer.address })).toMatch(/package\.differs-from-manifest/);
    expect(await checkPackagedReconciliationCertificate({ text: '{"format":"evident.certificate"}', entry, issuer: f.issuer.address })).toMatch(/not-a-reconciliation-certificate/);

    // The stored certificate edited behind the platform's back: its row fails.
    const stored = await f.services.prisma.reconciliationCertificate.findFirstOrThrow({ where: { proof: 'field-mismatch' } });
    const edited = stored.document.replace(/"rowCount": (\d+)/, (_, n: string) => `"rowCount": ${Number(n) + 1}`);
    await f.services.prisma.reconciliationCertificate.update({ where: { serial: stored.serial }, data: { document: edited } });
    const tampered = await verifyAll();
    expect(tampered.reconciliation[0].passed).toBe(false);
    expect(tampered.passed).toBe(false);
  });
});

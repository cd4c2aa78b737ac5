// The evidence package against the real database and chain: a case with a file (Chinese name), a
// record and a hash-only item is exported, unpacked with Info-ZIP unzip and Python's zipfile, and
// every certificate in it passes the proof core with the original's hash; two exports are
// byte-identical; a stored original that changed fails the download, unaudited; only the filing
// lender (session or key) and the commission get it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyViewer, StaffViewer } from '../auth/viewer';
import { anonymousViewer } from '../auth/viewer';
import { startCaseFixture, type CaseFixture } from '../cases/case-test-fixture';
import { fileCase } from '../cases/file-case';
import { verifyCaseEvidence } from '../cases/verify-case-evidence';
import { CaseNotFoundError, ForbiddenError, UnauthorizedError } from '../errors';
import { ingestEvidenceItems } from '../evidence/ingest-evidence-items';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { checkPackageManifest } from '../proof/package-manifest-signature';
import { verifyCertificate } from '../proof/verify-certificate';
import { storedFilePath } from '../storage/store-stream';
import { openCasePackage } from './open-case-package';
import type { PackageManifest } from './package-manifest';

let f: CaseFixture;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let arbitrator: StaffViewer;
let caseId: string;
let caseNumber: string;
let scratch: string;
let fileItem: { id: string; storageKey: string };
const recordData = { instalment: 3, amount: '1250.00', paidOn: '2026-11-30' };

beforeAll(async () => {
  f = await startCaseFixture();
  [lenderA, lenderB, arbitrator] = await Promise.all([
    f.staff('lender-a@evident.demo'),
    f.staff('lender-b@evident.demo'),
    f.staff('arbitrator@evident.demo'),
  ]);
  const borrower = await f.borrowerId('borrower-1@evident.demo');
  const file = await f.addEvidence({ lender: lenderA, borrowerId: borrower, title: '借款合同 第1号', content: '借款合同正文 loan contract body' });
  fileItem = file;
  const ingest = async (kind: 'record' | 'hash', items: unknown[]) => {
    const reply = await ingestEvidenceItems({
      prisma: f.services.prisma,
      kind,
      submitter: lenderA,
      request: new Request(`http://evident.test/api/v1/evidence/${kind}s`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(items),
      }),
      maxBodyBytes: 1 << 20,
      idempotencyKey: null,
    });
    expect(reply.status).toBe(201);
    return (JSON.parse(reply.bodyText).items as Array<{ id: string }>)[0]!.id;
  };
  const record = await ingest('record', [{ type: 'repayment_record', loanReference: 'L-9', data: recordData }]);
  const hashOnly = await ingest('hash', [{ sha256: `0x${createHash('sha256').update('kept by the lender').digest('hex')}` }]);
  await f.services.prisma.evidence.updateMany({ where: { id: { in: [record, hashOnly] } }, data: { borrowerId: borrower } });
  await f.anchorAll();
  const filed = await fileCase({
    prisma: f.services.prisma,
    viewer: lenderA,
    input: { commissionOrganizationId: await f.commissionId(), borrowerId: borrower, title: '借款纠纷 Loan dispute', evidenceIds: [file.id, record, hashOnly] },
    borrowerIdSalt: f.services.secrets.borrowerIdSalt,
  });
  caseId = filed.id;
  caseNumber = filed.caseNumber;
  await verifyCaseEvidence({
    prisma: f.services.prisma,
    viewer: arbitrator,
    caseId,
    issuer: f.issuer,
    chainRpcUrl: f.services.chainRpcUrl,
    storageDir: f.services.config.storageDir,
  });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'evidence-package-'));
});

afterAll(async () => {
  await f?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function exportPackage(viewer: Parameters<typeof openCasePackage>[0]['viewer']) {
  const opened = await openCasePackage({
    prisma: f.services.prisma,
    viewer,
    caseId,
    issuer: f.issuer,
    storageDir: f.services.config.storageDir,
    publicBaseUrl: 'http://evident.test',
  });
  return { fileName: opened.fileName, bytes: new Uint8Array(await new Response(opened.stream).arrayBuffer()) };
}

describe('the case evidence package', () => {
  it('holds the originals, certificates, signed manifest, report and verifier, and every item verifies', async () => {
    const { fileName, bytes } = await exportPackage(lenderA);
    expect(fileName).toBe(`${caseNumber}-evidence-package.zip`);
    const zipPath = path.join(scratch, fileName);
    await writeFile(zipPath, bytes);

    // Info-ZIP lists it (UTF-8 names intact), and Python's zipfile reads the same names.
    const listing = execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8' }).trim().split('\n');
    const pythonNames = JSON.parse(
      execFileSync('python3', ['-c', 'import json,sys,zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', zipPath], { encoding: 'utf8' }),
    );
    expect(pythonNames).toEqual(listing);
    expect([...listing].sort()).toEqual(listing);
    const folder = `${caseNumber}-evidence-package/`;
    expect(listing.every((name) => name.startsWith(folder))).toBe(true);
    const names = listing.map((name) => name.slice(folder.length));
    expect(names).toContain('originals/001-借款合同 第1号.txt');
    for (const expected of ['README.txt', 'manifest.json', 'manifest.sig.json', 'verify.html']) expect(names).toContain(expected);
    expect(names.filter((name) => name.startsWith('certificates/'))).toHaveLength(6);
    expect(names.filter((name) => name.startsWith('report/'))).toHaveLength(2);

    const out = path.join(scratch, 'unpacked');
    execFileSync('unzip', ['-q', zipPath, '-d', out]);
    const root = path.join(out, folder);
    const manifestBytes = await readFile(path.join(root, 'manifest.json'));
    const manifest: PackageManifest = JSON.parse(manifestBytes.toString('utf8'));
    const signature = checkPackageManifest(manifestBytes, await readFile(path.join(root, 'manifest.sig.json'), 'utf8'));
    expect(signature).toMatchObject({ ok: true, signer: f.issuer.address, caseNumber });
    expect(manifest.case).toMatchObject({ caseNumber, title: '借款纠纷 Loan dispute', borrower: expect.any(String), commission: expect.any(String) });
    expect(manifest.items.map((item) => item.kind)).toEqual(['file', 'record', 'hash']);
    expect(manifest.items[2]!.original).toBeNull();
    expect(manifest.items[2]!.originalNote).toMatch(/hash-only/);
    expect(manifest.items[0]!.provenance).toMatchObject({ channel: 'portal', submittedAt: expect.any(String) });
    expect(manifest.report).not.toBeNull();

    // The signed manifest covers every file of the package by its SHA-256: each certificate's JSON
    // and PDF, the report, the README and the verifier; with the originals and the two manifest
    // files, that is every entry of the ZIP.
    expect(manifest.version).toBe(2);
    const covered = [
      manifest.readme,
      manifest.verifier,
      { path: manifest.report!.json, sha256: manifest.report!.jsonSha256 },
      { path: manifest.report!.pdf, sha256: manifest.report!.pdfSha256 },
      ...manifest.reconciliationCertificates,
      ...manifest.items.flatMap((item) =>
        item.certificate
          ? [
              { path: item.certificate.json, sha256: item.certificate.jsonSha256 },
              { path: item.certificate.pdf, sha256: item.certificate.pdfSha256 },
            ]
          : [],
      ),
    ];
    for (const file of covered) {
      expect(`0x${createHash('sha256').update(await readFile(path.join(root, file.path))).digest('hex')}`, file.path).toBe(file.sha256);
    }
    const originals = manifest.items.flatMap((item) => (item.original ? [item.original] : []));
    expect([...covered.map((file) => file.path), ...originals, 'manifest.json', 'manifest.sig.json'].sort()).toEqual([...names].sort());

    // A record's original is its canonical text, whose SHA-256 is the notarized one.
    const recordText = await readFile(path.join(root, manifest.items[1]!.original!), 'utf8');
    expect(recordText).toBe(JSON.stringify({ amount: '1250.00', instalment: 3, paidOn: '2026-11-30' }));

    const chain = createAnchorLookup({ rpcUrl: f.services.chainRpcUrl });
    try {
      for (const item of manifest.items) {
        const original = item.original ? await readFile(path.join(root, item.original)) : undefined;
        if (original) expect(`0x${createHash('sha256').update(original).digest('hex')}`).toBe(item.sha256);
        const report = await verifyCertificate({
          certificate: await readFile(path.join(root, item.certificate!.json), 'utf8'),
          fileSha256: original ? new Uint8Array(createHash('sha256').update(original).digest()) : undefined,
          chain,
          trustedIssuers: [f.issuer.address],
        });
        expect(report.checks.filter((check) => check.status === 'fail')).toEqual([]);
        expect(report.checks.find((check) => check.id === 'file-hash')!.status).toBe(original ? 'pass' : 'skipped');
      }
    } finally {
      chain.close();
    }

    // Every download is audited with the package's SHA-256.
    const entry = await f.services.prisma.auditEntry.findFirst({ where: { action: 'case.package_download', targetId: caseId }, orderBy: { sequence: 'desc' } });
    expect(entry?.details).toMatchObject({ caseNumber, sha256: `0x${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length });
  });

  it('is byte-identical for an unchanged case, whoever downloads it', async () => {
    const first = await exportPackage(lenderA);
    const second = await exportPackage(arbitrator);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it('fails the download when a stored original changed, naming the item, and audits no download', async () => {
    const stored = storedFilePath(f.services.config.storageDir, fileItem.storageKey);
    const original = await readFile(stored);
    const downloads = () => f.services.prisma.auditEntry.count({ where: { action: 'case.package_download', targetId: caseId } });
    const before = await downloads();
    const changed = Buffer.from(original);
    changed[0] = changed[0]! ^ 0x01;
    await writeFile(stored, changed);
    try {
      await expect(exportPackage(lenderA)).rejects.toThrow(new RegExp(`evidence ${fileItem.id} changed`));
    } finally {
      await writeFile(stored, original);
    }
    expect(await downloads()).toBe(before);
  });

  it('names the manifest signature when the manifest is edited', async () => {
    const out = path.join(scratch, 'unpacked', `${caseNumber}-evidence-package`);
    const manifestText = await readFile(path.join(out, 'manifest.json'), 'utf8');
    const edited = new TextEncoder().encode(manifestText.replace('"L-9"', '"L-8"'));
    expect(checkPackageManifest(edited, await readFile(path.join(out, 'manifest.sig.json'), 'utf8'))).toMatchObject({
      ok: false,
      code: 'package.manifest-altered',
    });
  });

  it('is for the filing lender (session or key) and the commission only', async () => {
    const key: ApiKeyViewer = { kind: 'api-key', apiKeyId: 'k', prefix: 'test', organizationId: lenderA.organizationId, organizationType: 'lender', ipAddress: null };
    expect((await exportPackage(key)).bytes.length).toBeGreaterThan(0);
    await expect(exportPackage(lenderB)).rejects.toBeInstanceOf(CaseNotFoundError);
    await expect(exportPackage(await f.borrower('borrower-1@evident.demo'))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportPackage(anonymousViewer())).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

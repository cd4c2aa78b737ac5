// Certificates in the audit log, on the real database and chain: the first issue (once, however
// often the certificate is fetched), downloads by serial from the public routes, and a revocation
// by the operator's command.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAllPendingEvidence } from '../batches/seal-all-pending-evidence';
import { anonymousViewer } from '../auth/viewer';
import { verifyAuditChain } from '../audit/verify-audit-chain';
import { recordEvidence } from '../evidence/record-evidence';
import { CertificateAlreadyRevokedError, CertificateNotFoundError } from '../errors';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { downloadCertificateBySerial } from './download-certificate-by-serial';
import { downloadCertificatePdfBySerial } from './download-certificate-pdf-by-serial';
import { issueCertificate } from './issue-certificate';
import { loadIssuer, type Issuer } from './load-issuer';
import { revokeCertificate } from './revoke-certificate';

let services: TestServices;
let issuer: Issuer;

beforeAll(async () => {
  services = await startTestServices();
  issuer = await loadIssuer(services.config);
});

afterAll(async () => {
  await services?.stop();
});

/** Records one item and anchors it; returns its evidence id. */
async function anchoredEvidence(name: string): Promise<string> {
  const content = Buffer.from(`${name} ${Date.now()} ${Math.random()}`);
  const item = await recordEvidence({
    prisma: services.prisma,
    sha256: new Uint8Array(createHash('sha256').update(content).digest()),
    size: content.length,
    storageKey: null,
    fileName: name,
    mediaType: 'text/plain',
  });
  await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 100 });
  await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
  return item.id;
}

function entriesOf(action: string, targetId: string) {
  return services.prisma.auditEntry.findMany({ where: { action, targetId }, orderBy: { sequence: 'asc' } });
}

describe('certificate.issue', () => {
  it('is audited once, at the first issue, with the serial and the issuer', async () => {
    const evidenceId = await anchoredEvidence('loan-contract.txt');
    expect(await entriesOf('certificate.issue', evidenceId)).toEqual([]);

    const first = await issueCertificate({ prisma: services.prisma, evidenceId, issuer });
    // Fetching it again re-signs the same record: no second issue.
    const again = await issueCertificate({ prisma: services.prisma, evidenceId, issuer });
    expect(again.serial).toBe(first.serial);

    const entries = await entriesOf('certificate.issue', evidenceId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorLabel: 'system',
      actorUserId: null,
      organizationId: null,
      targetType: 'evidence',
      details: { serial: first.serial, issuerAddress: issuer.address },
    });
  });

  it('is audited once when two downloads race to issue the first certificate', async () => {
    const evidenceId = await anchoredEvidence('repayments.csv');
    const issued = await Promise.all([1, 2, 3].map(() => issueCertificate({ prisma: services.prisma, evidenceId, issuer })));
    expect(new Set(issued.map((c) => c.serial)).size).toBe(1);
    expect(await entriesOf('certificate.issue', evidenceId)).toHaveLength(1);
  });
});

describe('certificate.download by serial', () => {
  it('audits each JSON and PDF download as an anonymous download of the evidence item, with the client address', async () => {
    const evidenceId = await anchoredEvidence('notice.txt');
    const { serial } = await issueCertificate({ prisma: services.prisma, evidenceId, issuer });

    const json = await downloadCertificateBySerial({ prisma: services.prisma, viewer: anonymousViewer('198.51.100.20'), serial, issuer });
    expect(json.evidence.id).toBe(evidenceId);
    const pdf = await downloadCertificatePdfBySerial({
      prisma: services.prisma,
      viewer: anonymousViewer('198.51.100.21'),
      serial,
      issuer,
      publicBaseUrl: 'http://evident.test',
    });
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');

    const downloads = await entriesOf('certificate.download', evidenceId);
    expect(downloads).toMatchObject([
      { actorLabel: 'anonymous', actorUserId: null, organizationId: null, ipAddress: '198.51.100.20', targetType: 'evidence', details: { serial, format: 'json' } },
      {
        actorLabel: 'anonymous',
        ipAddress: '198.51.100.21',
        targetType: 'evidence',
        details: { serial, format: 'pdf', fileName: `evident-certificate-${serial}.pdf` },
      },
    ]);
    expect(await entriesOf('certificate.issue', evidenceId)).toHaveLength(1);
  });

  it('audits nothing for a serial that names no certificate', async () => {
    const before = await services.prisma.auditEntry.count({ where: { action: 'certificate.download' } });
    const unknown = 'EVD-0000-0000-0000-0000';
    await expect(downloadCertificateBySerial({ prisma: services.prisma, viewer: anonymousViewer('198.51.100.22'), serial: unknown, issuer })).rejects.toBeInstanceOf(
      CertificateNotFoundError,
    );
    await expect(
      downloadCertificatePdfBySerial({ prisma: services.prisma, viewer: anonymousViewer('198.51.100.22'), serial: unknown, issuer, publicBaseUrl: 'http://evident.test' }),
    ).rejects.toBeInstanceOf(CertificateNotFoundError);
    expect(await services.prisma.auditEntry.count({ where: { action: 'certificate.download' } })).toBe(before);
  });
});

describe('certificate.revoke', () => {
  it('audits the operator command’s revocation with the operator and the reason, once', async () => {
    const evidenceId = await anchoredEvidence('wrong-borrower.txt');
    const { serial } = await issueCertificate({ prisma: services.prisma, evidenceId, issuer });

    const command = spawnSync(
      path.resolve('node_modules/.bin/tsx'),
      ['scripts/revoke-certificate.ts', serial, '--reason', 'issued for the wrong borrower'],
      { env: { ...process.env, DATABASE_URL: services.databaseUrl }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(command.status, command.stderr).toBe(0);

    const [entry, ...others] = await entriesOf('certificate.revoke', serial);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      actorLabel: expect.stringMatching(/^operator-cli:/),
      actorUserId: null,
      organizationId: null,
      targetType: 'certificate',
      details: { reason: 'issued for the wrong borrower' },
    });
    expect((await services.prisma.certificate.findUniqueOrThrow({ where: { serial } })).revocationReason).toBe('issued for the wrong borrower');

    // A second revocation is refused and leaves no entry.
    await expect(revokeCertificate({ prisma: services.prisma, serial, reason: 'again' })).rejects.toBeInstanceOf(CertificateAlreadyRevokedError);
    expect(await entriesOf('certificate.revoke', serial)).toHaveLength(1);
    expect((await verifyAuditChain({ prisma: services.prisma })).ok).toBe(true);
  });
});

// The independent CLI verifies a certificate (JSON and PDF) against the local chain with no app
// running: the platform's services are used only to produce the certificate, then the CLI talks to
// the chain node alone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAllPendingEvidence } from '../lib/batches/seal-all-pending-evidence';
import { renderEvidenceDocument } from '../lib/certificates/certificate-documents';
import { issueCertificate } from '../lib/certificates/issue-certificate';
import { loadIssuer, type Issuer } from '../lib/certificates/load-issuer';
import { recordEvidence } from '../lib/evidence/record-evidence';
import { startTestServices, type TestServices } from '../lib/testing/start-test-services';
import { anchorUntilFinal } from '../lib/testing/anchor-until-final';
import { toPem } from '../lib/proof/pem';
import { timestampWaitingBatches } from '../lib/timestamps/timestamp-waiting-batches';
import { createTsaCredentials } from '../lib/timestamps/tsa-credentials';

let services: TestServices;
let issuer: Issuer;
let dir: string;
const content = Buffer.from(`借款合同 loan contract ${Date.now()}`);
let certificatePath: string;
let pdfPath: string;
let filePath: string;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.resolve('scripts/evident-verify.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  services = await startTestServices();
  issuer = await loadIssuer(services.config);
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-cli-'));
  const item = await recordEvidence({
    prisma: services.prisma,
    sha256: new Uint8Array(createHash('sha256').update(content).digest()),
    size: content.length,
    storageKey: null,
    fileName: 'loan-contract.txt',
    mediaType: 'text/plain',
  });
  await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 100 });
  await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
  const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer });
  const pdf = await renderEvidenceDocument({
    prisma: services.prisma,
    issuer,
    publicBaseUrl: 'http://evident.test',
    kind: 'certificate',
    evidenceId: item.id,
  });
  certificatePath = path.join(dir, 'certificate.json');
  pdfPath = path.join(dir, 'certificate.pdf');
  filePath = path.join(dir, 'loan-contract.txt');
  await writeFile(certificatePath, JSON.stringify(certificate, null, 2));
  await writeFile(pdfPath, pdf.bytes);
  await writeFile(filePath, content);
});

afterAll(async () => {
  await services?.stop();
});

describe('npx evident-verify', () => {
  it('checks a timestamped certificate\'s RFC 3161 timestamp against the TSA roots given with --tsa-root, and prints what the issuer signed', async () => {
    const stamped = Buffer.from(`timestamped ${Date.now()}`);
    const item = await recordEvidence({
      prisma: services.prisma,
      sha256: new Uint8Array(createHash('sha256').update(stamped).digest()),
      size: stamped.length,
      storageKey: null,
      fileName: 'stamped.txt',
      mediaType: 'text/plain',
    });
    await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves: 100 });
    await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
    await timestampWaitingBatches({ prisma: services.prisma, settings: services.timestamping, skewWarningSeconds: 600 });
    const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer });
    // Issued since format version 3: version 2's timestamp, plus the signed subject and provenance.
    expect(certificate.version).toBe(3);
    expect(certificate.timestamp).toBeDefined();
    const v2Path = path.join(dir, 'certificate-stamped.json');
    await writeFile(v2Path, JSON.stringify(certificate));
    const embeddedRoot = path.join(services.config.dataDir, 'tsa', 'root.pem');

    const trusted = cli(v2Path, '--rpc', services.chainRpcUrl, '--issuer', issuer.address, '--tsa-root', embeddedRoot);
    expect(trusted.stdout).toMatch(/\[PASS\] timestamp .*under a trusted TSA root/);
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toMatch(/Signed by the issuer:\n {2}channel +api\n/);

    const otherRoot = path.join(dir, 'other-root.pem');
    await writeFile(otherRoot, toPem('CERTIFICATE', (await createTsaCredentials({ name: 'Other' })).rootCertificate));
    const untrusted = cli(v2Path, '--rpc', services.chainRpcUrl, '--tsa-root', otherRoot);
    expect(untrusted.stdout).toMatch(/\[FAIL\] timestamp .*not from a trusted timestamping authority/);
    expect(untrusted.code).toBe(1);
  });

  it('verifies the JSON certificate and the file against the chain: exit 0 and an itemised report', () => {
    const { code, stdout } = cli(certificatePath, filePath, '--rpc', services.chainRpcUrl, '--issuer', issuer.address);
    expect(stdout).toMatch(/\[PASS\] file-hash/);
    expect(stdout).toMatch(/\[PASS\] chain-anchor .*block \d+/);
    expect(stdout).toMatch(/\[PASS\] signature/);
    expect(stdout).toMatch(/\[SKIP\] revocation .*Offline/);
    expect(stdout).toContain('RESULT: VALID');
    expect(code).toBe(0);
  });

  it('verifies the PDF certificate on its own, as JSON output', () => {
    const { code, stdout } = cli(pdfPath, '--rpc', services.chainRpcUrl, '--json');
    const report = JSON.parse(stdout);
    expect(report.valid).toBe(true);
    expect(report.checks.find((c: { id: string }) => c.id === 'file-hash').status).toBe('skipped');
    expect(code).toBe(0);
  });

  it('exits 1 and names the file-hash check for a modified file', async () => {
    const modified = path.join(dir, 'modified.txt');
    await writeFile(modified, Buffer.concat([content, Buffer.from('!')]));
    const { code, stdout } = cli(pdfPath, modified, '--rpc', services.chainRpcUrl);
    expect(stdout).toMatch(/\[FAIL\] file-hash/);
    expect(stdout).toContain('RESULT: INVALID');
    expect(code).toBe(1);
  });

  it('exits 1 when the certificate is signed by an issuer other than the pinned one', () => {
    const { code, stdout } = cli(certificatePath, '--rpc', services.chainRpcUrl, '--issuer', '0x' + '12'.repeat(20));
    expect(stdout).toMatch(/\[FAIL\] signature/);
    expect(code).toBe(1);
  });

  it('exits 1 with a clear message when the RPC does not answer', () => {
    const { code, stdout } = cli(certificatePath, '--rpc', 'http://127.0.0.1:1');
    expect(stdout).toMatch(/\[FAIL\] chain-anchor\s+Could not reach the chain/);
    expect(code).toBe(1);
  });

  it('exits 2 on bad usage and unreadable certificates', async () => {
    expect(cli().code).toBe(2);
    expect(cli(certificatePath).stderr).toContain('--rpc');
    const garbage = path.join(dir, 'garbage.bin');
    await writeFile(garbage, Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    const result = cli(garbage, '--rpc', services.chainRpcUrl);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('neither JSON nor a PDF');
    expect(cli(path.join(dir, 'missing.json'), '--rpc', services.chainRpcUrl).code).toBe(2);
  });
});

// The timestamping loop against a real TSA over HTTP (lib/testing/start-test-tsa.ts), the real
// database and the real local chain: good tokens are stored and pass `openssl ts -verify`; every
// kind of bad answer is refused, logged, retried after a back-off, shown in health, and never stored.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousViewer } from '../auth/viewer';
import { startBatcher } from '../batches/start-batcher';
import { sealPendingEvidence } from '../batches/seal-pending-evidence';
import { closeChain, connectChain } from '../chain/connect-chain';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY } from '../chain/start-local-chain';
import { recordRandomEvidence } from '../testing/record-random-evidence';
import { getCertificateStatus } from '../certificates/certificate-status';
import { issueCertificate } from '../certificates/issue-certificate';
import { loadIssuer } from '../certificates/load-issuer';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { checkHealth } from '../health/check-health';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { verifyCertificate } from '../proof/verify-certificate';
import { TEST_ANCHORING } from '../testing/anchor-until-final';
import { startTcpProxy } from '../testing/tcp-proxy';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { startTestTsa, TEST_TSA_POLICY_OID, type TestTsa, type TsaFault } from '../testing/start-test-tsa';
import { timestampWaitingBatches } from './timestamp-waiting-batches';
import { verifyTimestampToken } from '../proof/verify-timestamp-token';
import { fromPem } from '../proof/pem';

let tsa: TestTsa;
let services: TestServices;
let workDir: string;
const TIMEOUT_MS = 1500;

beforeAll(async () => {
  tsa = await startTestTsa();
  services = await startTestServices({
    TSA_URL: tsa.url,
    TSA_CA_CERTS: tsa.rootPem,
    TSA_POLICY_OID: TEST_TSA_POLICY_OID,
    TSA_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  workDir = mkdtempSync(path.join(os.tmpdir(), 'evident-tsa-'));
}, 60_000);

afterAll(async () => {
  await services?.stop();
  await tsa?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function sealOne() {
  return (await recordAndSeal()).batch;
}

async function recordAndSeal() {
  const [id] = await recordRandomEvidence({ prisma: services.prisma });
  return { item: { id }, batch: (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))! };
}

async function pass() {
  const lines: string[] = [];
  const progress = await timestampWaitingBatches({
    prisma: services.prisma,
    settings: services.timestamping,
    skewWarningSeconds: 600,
    log: (line) => lines.push(line),
  });
  return { ...progress, lines };
}

const health = () => checkHealth({ prisma: services.prisma, storageDir: services.config.storageDir, viewer: anonymousViewer('198.51.100.7') });

function opensslVerify(token: Uint8Array, digestHex: string) {
  const tokenFile = path.join(workDir, 'token.der');
  const rootFile = path.join(workDir, 'root.pem');
  const tsaFile = path.join(workDir, 'tsa.pem');
  writeFileSync(tokenFile, token);
  writeFileSync(rootFile, tsa.rootPem);
  writeFileSync(tsaFile, tsa.tsaCertificatePem);
  try {
    const out = execFileSync('openssl', ['ts', '-verify', '-digest', digestHex, '-in', tokenFile, '-token_in', '-CAfile', rootFile, '-untrusted', tsaFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out.toString().trim();
  } catch (error) {
    return `${(error as { stdout?: Buffer }).stdout?.toString().trim()} ${(error as { stderr?: Buffer }).stderr?.toString().trim()}`;
  }
}

describe('timestamping batch roots', () => {
  it('stores a verified token that openssl accepts for SHA-256 of the root, and refuses for another digest', async () => {
    const batch = await sealOne();
    const { stamped, failed } = await pass();
    expect([stamped, failed]).toEqual([1, 0]);
    const stored = await services.prisma.batchTimestamp.findUniqueOrThrow({ where: { batchId: batch.id } });
    expect(stored.policy).toBe(TEST_TSA_POLICY_OID);
    expect(Math.abs(stored.genTime.getTime() - Date.now())).toBeLessThan(10_000);
    const token = new Uint8Array(stored.token);
    const again = await verifyTimestampToken({ token, root: new Uint8Array(batch.root), trustedRoots: fromPem(tsa.rootPem).map((b) => b.der) });
    expect(again.ok && again.timestamp.serial).toBe(stored.tsaSerial);

    const digest = createHash('sha256').update(batch.root).digest('hex');
    expect(opensslVerify(token, digest)).toMatch(/Verification: OK/);
    const other = createHash('sha256').update('another root').digest('hex');
    expect(opensslVerify(token, other)).toMatch(/FAILED[\s\S]*message imprint mismatch/);

    const h = await health();
    expect(h.timestamps).toMatchObject({ ok: true, waitingBatches: 0, lastError: null });
    expect(h.timestamps!.stampedBatches).toBeGreaterThanOrEqual(1);
  });

  it('issues a certificate carrying the token (format version 3, the timestamp part of version 2), which verifies offline and against the trusted TSA root', async () => {
    const { item, batch } = await recordAndSeal();
    const issuer = await loadIssuer(services.config);
    await anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
    const before = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer });
    expect([before.version, before.timestamp]).toEqual([3, undefined]);

    expect((await pass()).stamped).toBe(1);
    const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer });
    expect(certificate.version).toBe(3);
    expect(certificate.timestamp).toBeDefined();
    // The same anchor under the same serial, with one more witness: not superseded.
    expect(certificate.serial).toBe(before.serial);
    const status = await getCertificateStatus({ prisma: services.prisma, serial: before.serial });
    expect(status).toMatchObject({ revoked: false });
    expect(status).not.toHaveProperty('superseded');
    const stored = await services.prisma.batchTimestamp.findUniqueOrThrow({ where: { batchId: batch.id } });
    expect(certificate.timestamp!.token).toBe(Buffer.from(stored.token).toString('base64'));
    const trustedRoot = fromPem(tsa.rootPem)[0].der;
    expect(certificate.timestamp!.certificates.at(-1)).toBe(Buffer.from(trustedRoot).toString('base64'));

    const report = await verifyCertificate({
      certificate: JSON.stringify(certificate),
      chain: createAnchorLookup({ rpcUrl: services.chainRpcUrl }),
      trustedIssuers: [issuer.address],
      trustedTsaRoots: [trustedRoot],
    });
    expect(report.checks.find((c) => c.id === 'timestamp')).toMatchObject({ status: 'pass', code: 'timestamp.trusted' });
    expect(report.valid).toBe(true);
    const offline = await verifyCertificate({ certificate });
    expect(offline.checks.find((c) => c.id === 'timestamp')).toMatchObject({ status: 'pass', code: 'timestamp.not-pinned' });
  });

  const faults: Array<[TsaFault, string]> = [
    ['rejection', 'timestamp.rejected'],
    ['waiting', 'timestamp.rejected'],
    ['wrong-nonce', 'timestamp.nonce-mismatch'],
    ['other-digest', 'timestamp.imprint-mismatch'],
    ['untrusted-signer', 'timestamp.untrusted'],
    ['expired-certificate', 'timestamp.expired'],
    ['no-eku', 'timestamp.no-eku'],
    ['non-critical-eku', 'timestamp.no-eku'],
    ['truncated', 'timestamp.malformed'],
    ['garbage', 'timestamp.malformed'],
    ['http-error', 'timestamp.http-error'],
    ['hang', 'timestamp.timeout'],
  ];

  it.each(faults)('refuses a TSA answering with fault %s (%s): logged, retried, in health, nothing stored', async (fault, code) => {
    const batch = await sealOne();
    tsa.fault = fault;
    const requestsBefore = tsa.requests;
    const started = Date.now();
    const failedPass = await pass();
    // Not yet due: the back-off holds the batch, even with the TSA fixed. Asked at once, while the 1 s
    // back-off surely runs; after the checks below, a loaded machine could be past it already.
    tsa.fault = 'none';
    expect((await pass()).stamped).toBe(0);
    expect([failedPass.stamped, failedPass.failed]).toEqual([0, 1]);
    expect(tsa.requests).toBe(requestsBefore + 1);
    expect(failedPass.lines.join('\n')).toContain(`timestamp of batch ${batch.id} failed (attempt 1), retry in 1 s: ${code}`);
    expect(await services.prisma.batchTimestamp.count({ where: { batchId: batch.id } })).toBe(0);
    const waiting = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(waiting.timestampAttempts).toBe(1);
    expect(waiting.lastTimestampError).toMatch(new RegExp(`^${code.replace('.', '\\.')}: `));
    expect(waiting.timestampRetryAt!.getTime()).toBeGreaterThanOrEqual(started + 1000);
    const unhealthy = await health();
    expect(unhealthy.timestamps).toMatchObject({ ok: false, waitingBatches: 1 });
    expect(unhealthy.timestamps!.lastError).toContain(code);

    // Then due: it is stamped.
    await new Promise((r) => setTimeout(r, waiting.timestampRetryAt!.getTime() - Date.now() + 50));
    expect((await pass()).stamped).toBe(1);
    const healthy = await health();
    expect(healthy.timestamps).toMatchObject({ ok: true, waitingBatches: 0, lastError: null });
  }, 20_000);

  it('stores a token from a TSA whose clock is off, and logs the skew', async () => {
    const batch = await sealOne();
    tsa.fault = 'clock-behind';
    const { stamped, lines } = await pass();
    tsa.fault = 'none';
    expect(stamped).toBe(1);
    expect(lines.join('\n')).toMatch(new RegExp(`timestamp of batch ${batch.id}: TSA time \\S+ is 36\\d\\d s from this server's clock`));
  });

  it('doubles the back-off on each failure of the same batch', async () => {
    const batch = await sealOne();
    tsa.fault = 'http-error';
    for (const [attempt, delayMs] of [[1, 1000], [2, 2000], [3, 4000]]) {
      await services.prisma.batch.update({ where: { id: batch.id }, data: { timestampRetryAt: new Date(Date.now() - 1) } });
      const before = Date.now();
      await pass();
      const after = Date.now();
      const row = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
      expect(row.timestampAttempts).toBe(attempt);
      // The back-off counts from the failure, which came between `before` and `after` (however long
      // the pass took on a loaded machine).
      const retryAt = row.timestampRetryAt!.getTime();
      expect(retryAt - delayMs, `retry after attempt ${attempt}`).toBeGreaterThanOrEqual(before);
      expect(retryAt - delayMs, `retry after attempt ${attempt}`).toBeLessThanOrEqual(after);
    }
    tsa.fault = 'none';
    await services.prisma.batch.update({ where: { id: batch.id }, data: { timestampRetryAt: new Date(Date.now() - 1) } });
    expect((await pass()).stamped).toBe(1);
  });

  it('anchors while the TSA is down, and timestamps while the chain is down', async () => {
    const proxy = await startTcpProxy({ targetPort: Number(new URL(services.chainRpcUrl).port) });
    const chain = await connectChain({ rpcUrl: proxy.url, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY, requestTimeoutMs: 2000 });
    const lines: string[] = [];
    const batcher = startBatcher({
      prisma: services.prisma,
      databaseUrl: services.databaseUrl,
      chain,
      anchoring: { ...TEST_ANCHORING, contractAddress: services.contractAddress },
      intervalMs: 60_000, // the test drives each loop itself
      maxLeaves: 100,
      timestamping: { settings: services.timestamping, skewWarningSeconds: 600 },
      log: (line) => lines.push(line),
    });
    try {
      tsa.fault = 'http-error';
      const first = await sealOne();
      await batcher.runOnce();
      await batcher.timestampOnce();
      expect(await services.prisma.batch.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'final' });
      expect(await services.prisma.batchTimestamp.count({ where: { batchId: first.id } })).toBe(0);

      tsa.fault = 'none';
      await proxy.cut();
      const second = await sealOne();
      await services.prisma.batch.update({ where: { id: first.id }, data: { timestampRetryAt: null } });
      await batcher.runOnce();
      await batcher.timestampOnce();
      expect(await services.prisma.batch.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: 'sealed' });
      expect(await services.prisma.batchTimestamp.count({ where: { batchId: { in: [first.id, second.id] } } })).toBe(2);
      expect(lines.join('\n')).toMatch(/anchoring paused, will retry|batcher tick failed/);
    } finally {
      await batcher.stop();
      await proxy.restore();
      closeChain(chain);
      await proxy.close();
    }
  }, 60_000);
});

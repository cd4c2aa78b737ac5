// The chain loses its state while the platform runs (anvil restarted without its state file): the
// batcher notices on its next tick, says so once in the log, in the audit log and in /api/health,
// and anchors everything again on the fresh chain, each root once, every certificate valid. An item
// certified before the loss gets a new serial; the old one is reported superseded.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCertificateStatus } from '../certificates/certificate-status';
import { issueCertificate } from '../certificates/issue-certificate';
import { issueCertificateBySerial } from '../certificates/issue-certificate-by-serial';
import { loadIssuer } from '../certificates/load-issuer';
import { ROOT_ANCHORED_TOPIC } from '../proof/anchor-contract-abi';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { startLocalChain, type LocalChain } from '../chain/start-local-chain';
import { CertificateSupersededError } from '../errors';
import { recordRandomEvidence } from '../testing/record-random-evidence';
import { toHex } from '../proof/hex';
import { checkHealth } from '../health/check-health';
import { startBatcherFromConfig } from '../startup/start-batcher-from-config';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { verifyCertificate } from '../proof/verify-certificate';

let services: TestServices;
let freshChain: LocalChain | undefined;

beforeAll(async () => {
  services = await startTestServices({ BATCH_INTERVAL_MS: '100', CHAIN_CONFIRMATIONS: '0' });
});

afterAll(async () => {
  await services?.stop();
  await freshChain?.stop();
});

const ingest = (count: number) => recordRandomEvidence({ prisma: services.prisma, count });

async function untilAllFinal(runOnce: () => Promise<void>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runOnce();
    const unfinished = await services.prisma.batch.count({ where: { status: { not: 'final' } } });
    const pending = await services.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM evidence e WHERE NOT EXISTS (
        SELECT 1 FROM batch b WHERE e.sequence BETWEEN b.first_sequence AND b.last_sequence)`;
    if (unfinished === 0 && pending[0].n === 0n) return;
    if (Date.now() > deadline) throw new Error(`${unfinished} batch(es) not final after ${timeoutMs} ms`);
  }
}

/** Kills the platform's anvil and starts a fresh one, without state, on the same port. */
async function loseChainState() {
  const chainDir = path.join(services.config.dataDir, 'chain');
  if (freshChain) {
    await freshChain.stop();
    freshChain = await startLocalChain({ port: services.config.localChainPort });
    return;
  }
  const pid = Number(await readFile(path.join(chainDir, 'anvil.pid'), 'utf8'));
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 50));
    } catch {
      break;
    }
  }
  await rm(path.join(chainDir, 'state.json'), { force: true });
  freshChain = await startLocalChain({ port: services.config.localChainPort });
}

describe('anchoring when the chain loses its state while running', () => {
  it('notices, says so once, and anchors every item again, each root once, certificates valid', async () => {
    const lines: string[] = [];
    const batcher = startBatcherFromConfig({ config: services.config, services, log: (line) => lines.push(line) });
    try {
      const before = await ingest(3);
      await untilAllFinal(batcher.runOnce);
      expect((await checkHealth({ prisma: services.prisma, storageDir: services.config.storageDir, viewer: { kind: 'anonymous', ipAddress: null } })).anchoring.lastChainLossAt).toBeNull();

      await loseChainState();
      const after = await ingest(3);
      await untilAllFinal(batcher.runOnce);

      expect(lines.filter((line) => line.startsWith('ERROR chain'))).toHaveLength(1);
      const health = await checkHealth({ prisma: services.prisma, storageDir: services.config.storageDir, viewer: { kind: 'anonymous', ipAddress: null } });
      expect(health.anchoring.lastChainLossAt).not.toBeNull();
      expect(health.anchoring.lastChainLossReason).toMatch(/genesis block changed/);
      expect(health.anchoring.chainReset).toBe(false); // all anchored again
      expect(await services.prisma.auditEntry.count({ where: { action: 'chain.loss' } })).toBe(1);

      const batches = await services.prisma.batch.findMany();
      for (const batch of batches) {
        const logs = await services.chain.provider.getLogs({
          topics: [ROOT_ANCHORED_TOPIC, toHex(batch.root)],
          fromBlock: 0,
          toBlock: 'latest',
        });
        expect(logs, `root of batch ${batch.id}`).toHaveLength(1);
      }
      const issuer = await loadIssuer(services.config);
      for (const id of [...before, ...after]) {
        const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: id, issuer });
        const report = await verifyCertificate({ certificate, chain: createAnchorLookup({ rpcUrl: services.chainRpcUrl }) });
        expect(report.valid, JSON.stringify(report.checks.filter((c) => c.status === 'fail'))).toBe(true);
      }
    } finally {
      await batcher.stop();
    }
  }, 90_000);

  it('gives an item anchored again a new serial and reports the old one superseded by it', async () => {
    const batcher = startBatcherFromConfig({ config: services.config, services, log: () => undefined });
    const issuer = await loadIssuer(services.config);
    const chain = createAnchorLookup({ rpcUrl: services.chainRpcUrl });
    const revocation = (serial: string) => getCertificateStatus({ prisma: services.prisma, serial });
    try {
      const [id] = await ingest(1);
      await untilAllFinal(batcher.runOnce);
      const old = await issueCertificate({ prisma: services.prisma, evidenceId: id, issuer });
      expect((await verifyCertificate({ certificate: old, chain, revocation })).valid).toBe(true);

      await loseChainState();
      await untilAllFinal(batcher.runOnce);
      const current = await issueCertificate({ prisma: services.prisma, evidenceId: id, issuer });
      expect(current.serial).not.toBe(old.serial);
      // (Its anchor may even repeat the old one's block and second on the fresh chain; the serial
      // is what tells the two signed documents apart.)
      // Every later download is the same document under the new serial.
      const again = await issueCertificateBySerial({ prisma: services.prisma, serial: current.serial, issuer });
      expect(again).toEqual(current);

      expect(await getCertificateStatus({ prisma: services.prisma, serial: old.serial })).toMatchObject({
        serial: old.serial,
        revoked: false,
        superseded: true,
        supersededBy: current.serial,
      });
      await expect(issueCertificateBySerial({ prisma: services.prisma, serial: old.serial, issuer })).rejects.toBeInstanceOf(
        CertificateSupersededError,
      );
      const oldReport = await verifyCertificate({ certificate: old, chain, revocation });
      expect(oldReport.valid).toBe(false);
      expect(oldReport.checks.find((c) => c.id === 'revocation')).toMatchObject({
        status: 'fail',
        code: 'revocation.superseded',
        params: { supersededBy: current.serial },
      });
      expect((await verifyCertificate({ certificate: current, chain, revocation })).valid).toBe(true);
      expect(await services.prisma.auditEntry.count({ where: { action: 'certificate.supersede', targetId: old.serial } })).toBe(1);
    } finally {
      await batcher.stop();
    }
  }, 90_000);
});

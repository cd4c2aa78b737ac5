// The anchoring state machine against chain-side faults on the real local chain: a reorg that
// drops an included anchor, a transaction stuck in the pool, and two processes competing to sign.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../certificates/issue-certificate';
import { loadIssuer } from '../certificates/load-issuer';
import { createAnchorLookup } from '../chain/create-anchor-lookup';
import { EvidenceNotAnchoredError } from '../errors';
import { recordEvidence } from '../evidence/record-evidence';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { TEST_ANCHORING } from '../testing/anchor-until-final';
import { verifyCertificate } from '../verify/verify-certificate';
import { advanceAnchoring, type AnchoringSettings } from './advance-anchoring';
import { sealPendingEvidence } from './seal-pending-evidence';
import { startBatcher } from './start-batcher';

let services: TestServices;
let settings: AnchoringSettings;

beforeAll(async () => {
  services = await startTestServices();
  settings = { ...TEST_ANCHORING, contractAddress: services.contractAddress };
});

afterAll(async () => {
  await services?.stop();
});

async function ingest(count = 1) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const content = randomBytes(16);
    const item = await recordEvidence({
      prisma: services.prisma,
      sha256: new Uint8Array(createHash('sha256').update(content).digest()),
      size: content.length,
      storageKey: null,
      fileName: 'item.bin',
      mediaType: 'application/octet-stream',
    });
    ids.push(item.id);
  }
  return ids;
}

const rpc = (method: string, params: unknown[] = []) => services.chain.provider.send(method, params);
const advance = (overrides: Partial<AnchoringSettings> = {}) =>
  advanceAnchoring({ prisma: services.prisma, chain: services.chain, settings: { ...settings, ...overrides } });

describe('anchoring against chain faults', () => {
  it('re-anchors a batch whose block was dropped by a reorg, and issues no certificate before final', async () => {
    const [id] = await ingest();
    const batch = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))!;
    const snapshot = await rpc('evm_snapshot');
    const deep = { confirmations: 3 };

    await advance(deep); // signed + broadcast
    await advance(deep); // included
    const included = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(included.status).toBe('included');
    const issuer = await loadIssuer(services.config);
    await expect(issueCertificate({ prisma: services.prisma, evidenceId: id, issuer })).rejects.toBeInstanceOf(EvidenceNotAnchoredError);

    await rpc('evm_revert', [snapshot]); // the block holding the anchor is gone
    const afterReorg = await advance(deep);
    expect(afterReorg.reorged).toBe(1);
    expect((await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe('broadcast');

    await advance(deep); // included again, from the same signed transaction
    await rpc('anvil_mine', ['0x3']);
    await advance(deep);
    const final = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(final.status).toBe('final');
    expect(final.txHash).toBe(included.txHash);
    expect(final.nonce).toBe(included.nonce);

    const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: id, issuer });
    const report = await verifyCertificate({ certificate, chain: createAnchorLookup({ rpcUrl: services.chainRpcUrl }) });
    expect(report.valid).toBe(true);
  });

  it('replaces a stuck transaction with the same nonce and a higher gas price', async () => {
    await ingest();
    const batch = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))!;
    await rpc('evm_setAutomine', [false]);
    try {
      await advance(); // signed + broadcast, but nothing mines
      const stuck = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
      expect(stuck.status).toBe('broadcast');
      await new Promise((r) => setTimeout(r, 300));
      const progress = await advance({ stuckAfterMs: 200 });
      expect(progress.replaced).toBe(1);
      const replaced = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
      expect(replaced.nonce).toBe(stuck.nonce);
      expect(replaced.txHash).not.toBe(stuck.txHash);
      expect(replaced.replacedTxHashes).toEqual([stuck.txHash]);
    } finally {
      await rpc('evm_setAutomine', [true]);
    }
    await rpc('evm_mine');
    await advance();
    await advance();
    const final = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(final.status).toBe('final');
    expect(await services.chain.provider.getTransactionCount(services.chain.signer!.address)).toBe(Number(final.nonce) + 1);
  });

  it('lets only the holder of the anchoring lock sign when two batchers share one database', async () => {
    const ids = await ingest(9);
    const common = {
      prisma: services.prisma,
      databaseUrl: services.databaseUrl,
      chain: services.chain,
      anchoring: settings,
      intervalMs: 60_000,
      maxLeaves: 3,
      log: () => undefined,
    };
    const first = startBatcher(common);
    const second = startBatcher(common);
    try {
      await Promise.all([first.runOnce(), second.runOnce()]);
      await Promise.all([first.runOnce(), second.runOnce()]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    const batches = await services.prisma.batch.findMany({ where: { status: 'final' }, orderBy: { nonce: 'asc' } });
    const covered = await services.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM evidence e JOIN batch b ON e.sequence BETWEEN b.first_sequence AND b.last_sequence
      WHERE b.status = 'final' AND e.id = ANY(${ids}::uuid[])`;
    expect(Number(covered[0].n)).toBe(9);
    const nonces = batches.map((b) => Number(b.nonce));
    expect(nonces).toEqual(nonces.map((_, i) => nonces[0] + i));
    expect(await services.chain.provider.getTransactionCount(services.chain.signer!.address)).toBe(nonces[nonces.length - 1] + 1);
  });
});

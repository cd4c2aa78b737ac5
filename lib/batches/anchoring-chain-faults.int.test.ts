// The anchoring state machine against chain-side faults on the real local chain: a reorg that
// drops an included anchor, a transaction stuck in the pool, two processes competing to sign, and
// roots or nonces taken by transactions the database does not hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../certificates/issue-certificate';
import { loadIssuer } from '../certificates/load-issuer';
import { anchorRoot } from '../testing/anchor-root';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { readLastRoot } from '../chain/read-last-root';
import { EvidenceNotAnchoredError } from '../errors';
import { recordRandomEvidence } from '../testing/record-random-evidence';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { anchorUntilFinal, TEST_ANCHORING } from '../testing/anchor-until-final';
import { verifyCertificate } from '../proof/verify-certificate';
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

const ingest = (count = 1) => recordRandomEvidence({ prisma: services.prisma, count });

const rpc = (method: string, params: unknown[] = []) => services.chain.provider.send(method, params);
const advance = (overrides: Partial<AnchoringSettings> = {}) =>
  advanceAnchoring({
    prisma: services.prisma,
    chain: services.chain.anchorChain,
    keys: { operator: services.chain.signer, members: services.chain.memberSigners },
    settings: { ...settings, ...overrides },
  });

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

  it('adopts an anchor of its root made by a transaction it never stored, and signs nothing', async () => {
    const [id] = await ingest();
    const batch = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))!;
    const external = await anchorStraight(batch);
    const operator = services.chain.signer!.address;
    const noncesBefore = await services.chain.provider.getTransactionCount(operator);

    const progress = await anchorUntilFinal({ ...finalSettings(), timeoutMs: 5_000 });
    expect(progress).toMatchObject({ adopted: 1, signed: 0, reverted: 0 });
    const final = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(final).toMatchObject({ status: 'final', txHash: external.txHash, blockNumber: external.blockNumber });
    expect(await services.chain.provider.getTransactionCount(operator)).toBe(noncesBefore);
    expect((await verifyIssued(id)).valid).toBe(true);
  });

  it('adopts the transaction that anchored its root with its nonce after its own left the pool ("nonce too low")', async () => {
    const [id] = await ingest();
    const batch = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))!;
    await rpc('evm_setAutomine', [false]);
    try {
      await advance(); // signed + broadcast, waiting in the pool
      await rpc('anvil_dropAllTransactions');
    } finally {
      await rpc('evm_setAutomine', [true]);
    }
    const stored = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    const other = await anchorStraight(batch); // same root, same nonce, another transaction
    expect(other.txHash).not.toBe(stored.txHash);

    const progress = await anchorUntilFinal({ ...finalSettings(), timeoutMs: 5_000 });
    expect(progress.adopted).toBe(1);
    const final = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(final).toMatchObject({ status: 'final', txHash: other.txHash, nonce: stored.nonce });
    expect((await verifyIssued(id)).valid).toBe(true);
  });

  it('adopts another member\'s anchor of its root while its own transaction waits with an open nonce', async () => {
    const [id] = await ingest();
    const batch = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))!;
    await rpc('evm_setAutomine', [false]);
    try {
      await advance(); // signed + broadcast, waiting in the pool
      const pending = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
      await rpc('anvil_dropTransaction', [pending.txHash]); // it never arrives; its nonce stays open
    } finally {
      await rpc('evm_setAutomine', [true]);
    }
    const stored = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    const member = services.chain.memberSigners[0];
    const other = await anchorRoot(
      { ...services.chain, signer: member },
      {
        contractAddress: services.contractAddress,
        root: new Uint8Array(stored.root),
        previousRoot: await readLastRoot(services.chain, services.contractAddress, member.address),
        firstSequence: stored.firstSequence,
        leafCount: stored.leafCount,
      },
    );

    const progress = await anchorUntilFinal({ ...finalSettings(), timeoutMs: 8_000 });
    expect(progress.adopted).toBe(1);
    const final = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(final).toMatchObject({ status: 'final', txHash: other.txHash, anchorSubmitter: member.address.toLowerCase() });
    expect((await verifyIssued(id)).valid).toBe(true);
    // The operator's nonce that was never used goes to its next batch: no gap.
    await ingest();
    const next = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))!;
    await anchorUntilFinal(finalSettings());
    expect((await services.prisma.batch.findUniqueOrThrow({ where: { id: next.id } })).nonce).toBe(stored.nonce);
  });

  it('signs a batch again when another transaction spent its nonce and the root is not anchored', async () => {
    const [id] = await ingest();
    const batch = (await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 100 }))!;
    await rpc('evm_setAutomine', [false]);
    try {
      await advance();
      await rpc('anvil_dropAllTransactions');
    } finally {
      await rpc('evm_setAutomine', [true]);
    }
    const stored = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    const signer = services.chain.signer!;
    await (await signer.sendTransaction({ to: signer.address, value: 0n, nonce: Number(stored.nonce) })).wait();

    const progress = await anchorUntilFinal({ ...finalSettings(), timeoutMs: 5_000 });
    expect(progress).toMatchObject({ resigned: 1, signed: 1 });
    const final = await services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(final.status).toBe('final');
    expect(final.nonce).toBe(stored.nonce! + 1n);
    expect((await verifyIssued(id)).valid).toBe(true);
  });
});

const finalSettings = () => ({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });

/** Anchors a batch's root with the operator's key, outside the state machine. */
async function anchorStraight({ id }: { id: string }) {
  const batch = await services.prisma.batch.findUniqueOrThrow({ where: { id } });
  return anchorRoot(services.chain, {
    contractAddress: services.contractAddress,
    root: new Uint8Array(batch.root),
    previousRoot: await readLastRoot(services.chain, services.contractAddress, services.chain.signer!.address),
    firstSequence: batch.firstSequence,
    leafCount: batch.leafCount,
    auditHead: batch.auditHead ? new Uint8Array(batch.auditHead) : new Uint8Array(32),
  });
}

async function verifyIssued(evidenceId: string) {
  const certificate = await issueCertificate({ prisma: services.prisma, evidenceId, issuer: await loadIssuer(services.config) });
  return verifyCertificate({ certificate, chain: createAnchorLookup({ rpcUrl: services.chainRpcUrl }) });
}

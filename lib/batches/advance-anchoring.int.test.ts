// The anchoring state machine over the in-memory chain (lib/testing/in-memory-anchor-chain.ts), a
// second implementation of its chain port: every transition and every chain fault, in milliseconds
// per round and with no waiting for a node to mine. The database is the real one (the state machine's
// guarantees live in its transactions); the fixture's anvil is not used here. The same behaviour on a
// real node is tested in anchoring-chain-faults.int.test.ts, member-anchoring.int.test.ts and the
// kill -9 campaign.
import { Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { signAnchorTransaction } from '../chain/sign-anchor-transaction';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, LOCAL_CHAIN_MEMBER_PRIVATE_KEY } from '../chain/start-local-chain';
import type { Batch } from '../db/generated/client';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { setAnchorMember } from '../organizations/set-anchor-member';
import { ChainUnavailableError, ContractNotDeployedError } from '../proof/chain-errors';
import { toHex } from '../proof/hex';
import { TEST_ANCHORING } from '../testing/anchor-until-final';
import { InMemoryAnchorChain } from '../testing/in-memory-anchor-chain';
import { recordRandomEvidence } from '../testing/record-random-evidence';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { advanceAnchoring, type AnchoringKeys, type AnchoringProgress, type AnchoringSettings } from './advance-anchoring';
import { sealAllPendingEvidence } from './seal-all-pending-evidence';

const OPERATOR = new Wallet(LOCAL_CHAIN_DEV_PRIVATE_KEY);
const MEMBER = new Wallet(LOCAL_CHAIN_MEMBER_PRIVATE_KEY);
const KEYS: AnchoringKeys = { operator: OPERATOR, members: [MEMBER] };

let services: TestServices;
/** Each test anchors on a chain of its own, so batches of one test never meet another's nonces. */
let nextChainId = 7_000_000n;

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

// A test that fails half-way must not leave sealed batches for the next one to pick up.
afterEach(async () => {
  await services.prisma.batch.updateMany({ where: { status: { not: 'final' } }, data: { status: 'final', anchoredAt: new Date() } });
});

interface Lane {
  chain: InMemoryAnchorChain;
  contractAddress: string;
  round(overrides?: Partial<AnchoringSettings>, keys?: AnchoringKeys): Promise<AnchoringProgress>;
  /** Rounds until nothing is unfinished; the summed progress. Fails on an error or after `rounds`. */
  untilFinal(rounds?: number): Promise<AnchoringProgress>;
}

function newChain({ gasPrice }: { gasPrice?: bigint } = {}): Lane {
  const chain = new InMemoryAnchorChain({ chainId: nextChainId++ });
  if (gasPrice !== undefined) chain.currentGasPrice = gasPrice;
  const contractAddress = chain.deployAnchorContract([OPERATOR.address, MEMBER.address]);
  const round: Lane['round'] = (overrides = {}, keys = KEYS) =>
    advanceAnchoring({ prisma: services.prisma, chain, keys, settings: { ...TEST_ANCHORING, contractAddress, ...overrides } });
  return {
    chain,
    contractAddress,
    round,
    async untilFinal(rounds = 20) {
      const total = emptyProgress();
      for (let i = 0; i < rounds; i++) {
        const progress = await round();
        if (progress.error) throw progress.error;
        for (const key of PROGRESS_KEYS) total[key] += progress[key];
        if ((await services.prisma.batch.count({ where: { status: { not: 'final' } } })) === 0) return total;
      }
      throw new Error(`batches still unfinished after ${rounds} rounds`);
    },
  };
}

const PROGRESS_KEYS = ['signed', 'broadcast', 'included', 'finalized', 'reorged', 'replaced', 'reverted', 'adopted', 'resigned'] as const;
const emptyProgress = (): AnchoringProgress => Object.fromEntries(PROGRESS_KEYS.map((key) => [key, 0])) as unknown as AnchoringProgress;

const ingest = (count = 1, organizationId: string | null = null) => recordRandomEvidence({ prisma: services.prisma, count, organizationId });

async function seal(maxLeaves = 100): Promise<Batch[]> {
  const sealed = await sealAllPendingEvidence({ prisma: services.prisma, maxLeaves });
  return services.prisma.batch.findMany({ where: { id: { in: sealed.map((b) => b.id) } }, orderBy: { firstSequence: 'asc' } });
}

const reload = (batch: Batch) => services.prisma.batch.findUniqueOrThrow({ where: { id: batch.id } });

/** One batch signed and sent, waiting in the pool of a chain that does not mine. */
async function pendingBatch(options: { gasPrice?: bigint } = {}) {
  const lane = newChain(options);
  lane.chain.automine = false;
  await ingest();
  const [batch] = await seal();
  await lane.round();
  return { lane, batch, stored: await reload(batch) };
}

/** What a user of the certificate would check: the chain holds the root, by the transaction and block the batch records. */
async function expectAnchoredAsRecorded(lane: Lane, batch: Batch) {
  const final = await reload(batch);
  expect(final.status).toBe('final');
  const onChain = await lane.chain.findRootAnchor(lane.contractAddress, new Uint8Array(final.root));
  expect(onChain).toMatchObject({ txHash: final.txHash, blockHash: final.blockHash, anchor: { blockNumber: final.blockNumber } });
  return final;
}

/** Anchors a root with the operator's key outside the state machine (another process, or one before a crash). */
async function anchorOutside(lane: Lane, batch: Batch, { signer = OPERATOR, nonce }: { signer?: Wallet; nonce?: bigint } = {}) {
  const signed = await signAnchorTransaction(signer, {
    chainId: lane.chain.chainId,
    contractAddress: lane.contractAddress,
    root: new Uint8Array(batch.root),
    previousRoot: await lane.chain.lastRoot(lane.contractAddress, signer.address),
    firstSequence: batch.firstSequence,
    leafCount: batch.leafCount,
    auditHead: batch.auditHead ? new Uint8Array(batch.auditHead) : new Uint8Array(32),
    nonce: nonce ?? (await lane.chain.minedNonceCount(signer.address)),
    gasPrice: 1_000_000_000n,
    // Not the state machine's gas limit, so the same root and nonce make another transaction.
    gasLimit: 250_000n,
  });
  await lane.chain.sendRawTransaction(signed.rawTx);
  return signed;
}

describe('anchoring state machine over the in-memory chain', () => {
  it('signs, broadcasts, follows and finalizes each batch once, nonces and roots chained, one audit entry each', async () => {
    const lane = newChain();
    await ingest(6);
    const batches = await seal(2);
    expect(batches).toHaveLength(3);

    const first = await lane.round(); // signed, broadcast (mined at once)
    expect(first).toMatchObject({ signed: 3, broadcast: 3, included: 0 });
    expect(await lane.untilFinal()).toMatchObject({ included: 3, finalized: 3, reorged: 0, replaced: 0, adopted: 0, resigned: 0 });

    const finals = await Promise.all(batches.map((batch) => expectAnchoredAsRecorded(lane, batch)));
    expect(finals.map((b) => b.nonce)).toEqual([0n, 1n, 2n]);
    expect(toHex(finals[0].previousRoot!)).toBe(toHex(new Uint8Array(32)));
    expect(toHex(finals[1].previousRoot!)).toBe(toHex(finals[0].root));
    expect(toHex(finals[2].previousRoot!)).toBe(toHex(finals[1].root));
    expect(await lane.chain.minedNonceCount(OPERATOR.address)).toBe(3n);
    const entries = await services.prisma.auditEntry.findMany({ where: { action: 'batch.anchor', targetId: { in: batches.map((b) => b.id) } } });
    expect(entries).toHaveLength(3);
  });

  it('finalizes only CHAIN_CONFIRMATIONS blocks deep', async () => {
    const lane = newChain();
    await ingest();
    const [batch] = await seal();
    await lane.round({ confirmations: 3 });
    await lane.round({ confirmations: 3 });
    expect((await reload(batch)).status).toBe('included');
    lane.chain.mine(2);
    expect(await lane.round({ confirmations: 3 })).toMatchObject({ finalized: 0 });
    lane.chain.mine(1);
    expect(await lane.round({ confirmations: 3 })).toMatchObject({ finalized: 1 });
    await expectAnchoredAsRecorded(lane, batch);
  });

  it('re-sends the same transaction when a reorg drops its block, and finalizes it in its new block', async () => {
    const lane = newChain();
    await ingest();
    const [batch] = await seal();
    const beforeAnchor = lane.chain.snapshot();
    await lane.round({ confirmations: 2 });
    await lane.round({ confirmations: 2 });
    const included = await reload(batch);
    expect(included.status).toBe('included');

    lane.chain.revert(beforeAnchor);
    expect(await lane.round({ confirmations: 2 })).toMatchObject({ reorged: 1 });
    expect((await reload(batch)).status).toBe('broadcast');
    await lane.round({ confirmations: 2 });
    lane.chain.mine(2);
    await lane.round({ confirmations: 2 });
    const final = await expectAnchoredAsRecorded(lane, batch);
    expect(final).toMatchObject({ txHash: included.txHash, nonce: included.nonce });
    expect(final.blockHash).not.toBe(included.blockHash);
  });

  it('signs again after a reorg when the batch holds no transaction to re-send', async () => {
    const lane = newChain();
    await ingest();
    const [batch] = await seal();
    const beforeAnchor = lane.chain.snapshot();
    await lane.round();
    await lane.round({ confirmations: 5 });
    // An anchor adopted from a node that could not give the signed bytes back.
    await services.prisma.batch.update({ where: { id: batch.id }, data: { rawTx: null } });
    lane.chain.revert(beforeAnchor);
    expect(await lane.round({ confirmations: 5 })).toMatchObject({ reorged: 1 });
    expect(await reload(batch)).toMatchObject({ status: 'sealed', txHash: null, lastAnchorError: expect.stringMatching(/left the chain/) });
    await lane.untilFinal();
    expect((await expectAnchoredAsRecorded(lane, batch)).nonce).toBe(0n);
  });

  it('replaces a stuck transaction with the same nonce and a 25 % higher gas price', async () => {
    const { lane, batch, stored: stuck } = await pendingBatch();
    expect(stuck.status).toBe('broadcast');
    expect(await lane.round({ stuckAfterMs: 60_000 })).toMatchObject({ replaced: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await lane.round({ stuckAfterMs: 1 })).toMatchObject({ replaced: 1 });
    const replaced = await reload(batch);
    expect(replaced).toMatchObject({ nonce: stuck.nonce, replacedTxHashes: [stuck.txHash] });
    expect(await lane.chain.transactionGasPrice(replaced.txHash!)).toBe((1_000_000_000n * 125n) / 100n + 1n);
    expect(lane.chain.pendingCount()).toBe(1); // the node dropped the underpriced original

    lane.chain.automine = true;
    lane.chain.mine();
    await lane.untilFinal();
    expect(await expectAnchoredAsRecorded(lane, batch)).toMatchObject({ txHash: replaced.txHash, nonce: 0n });
  });

  it('re-sends, never replaces, a stuck transaction on a free-gas chain', async () => {
    const { lane, batch, stored: sent } = await pendingBatch({ gasPrice: 0n });
    lane.chain.dropPending(); // the node forgot it
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await lane.round({ stuckAfterMs: 1 })).toMatchObject({ replaced: 0 });
    expect(lane.chain.pendingCount()).toBe(1);
    lane.chain.automine = true;
    lane.chain.mine();
    await lane.untilFinal();
    expect(await expectAnchoredAsRecorded(lane, batch)).toMatchObject({ txHash: sent.txHash, replacedTxHashes: [] });
  });

  it('broadcasts the stored bytes, not a new signature, after a failure between signing and sending', async () => {
    const lane = newChain();
    await ingest();
    const [batch] = await seal();
    // The node goes away right after the batch is signed (a crash there leaves the same state).
    lane.chain.failing.add('sendRawTransaction');
    const failed = await lane.round();
    expect(failed.error).toBeInstanceOf(ChainUnavailableError);
    const signed = await reload(batch);
    expect(signed).toMatchObject({ status: 'signed', nonce: 0n });
    lane.chain.failing.clear();

    await lane.untilFinal();
    expect(await expectAnchoredAsRecorded(lane, batch)).toMatchObject({ txHash: signed.txHash, rawTx: signed.rawTx });
    expect(await lane.chain.minedNonceCount(OPERATOR.address)).toBe(1n);
  });

  it('changes nothing while the node is down, and carries on once it is back', async () => {
    const lane = newChain();
    await ingest(2);
    const batches = await seal(1);
    await lane.round();
    const before = await Promise.all(batches.map(reload));
    lane.chain.down = true;
    const progress = await lane.round();
    expect(progress.error).toBeInstanceOf(ChainUnavailableError);
    expect(progress).toMatchObject({ signed: 0, included: 0, finalized: 0 });
    expect(await Promise.all(batches.map(reload))).toEqual(before);
    lane.chain.down = false;
    await lane.untilFinal();
    for (const batch of batches) await expectAnchoredAsRecorded(lane, batch);
  });

  it('stops with ContractNotDeployedError when the chain lost its state, and keeps every batch', async () => {
    const lane = newChain();
    await ingest();
    const [batch] = await seal();
    lane.chain.loseState();
    const progress = await lane.round();
    expect(progress.error).toBeInstanceOf(ContractNotDeployedError);
    expect(await reload(batch)).toMatchObject({ status: 'sealed', txHash: null });
    // What lib/startup/follow-anchor-chain.ts does next: a new contract, anchoring resumes there.
    const contractAddress = lane.chain.deployAnchorContract([OPERATOR.address]);
    for (let i = 0; i < 3; i++) await lane.round({ contractAddress });
    expect(await reload(batch)).toMatchObject({ status: 'final', contractAddress });
  });

  it('adopts an anchor of its root made outside the state machine, and signs nothing', async () => {
    const lane = newChain();
    await ingest();
    const [batch] = await seal();
    const outside = await anchorOutside(lane, batch);
    expect(await lane.untilFinal()).toMatchObject({ adopted: 1, signed: 0 });
    expect(await expectAnchoredAsRecorded(lane, batch)).toMatchObject({ txHash: outside.txHash, nonce: 0n });
    expect(await lane.chain.minedNonceCount(OPERATOR.address)).toBe(1n);
  });

  it('adopts the transaction that anchored its root with its nonce after its own left the pool ("nonce too low")', async () => {
    const { lane, batch, stored } = await pendingBatch();
    lane.chain.dropPending();
    lane.chain.automine = true;
    const other = await anchorOutside(lane, batch, { nonce: stored.nonce! });
    expect(other.txHash).not.toBe(stored.txHash);
    expect(await lane.untilFinal()).toMatchObject({ adopted: 1 });
    expect(await expectAnchoredAsRecorded(lane, batch)).toMatchObject({ txHash: other.txHash, nonce: stored.nonce });
  });

  it('adopts another member’s anchor of its root while its own transaction waits with an open nonce, and gives that nonce to the next batch', async () => {
    const { lane, batch, stored } = await pendingBatch();
    lane.chain.dropPending(stored.txHash!);
    lane.chain.automine = true;
    const other = await anchorOutside(lane, batch, { signer: MEMBER });
    // The root is looked up once the transaction has had ROOT_LOOKUP_AFTER_MS (2 s) to be mined.
    expect(await lane.round()).toMatchObject({ adopted: 0 });
    await services.prisma.batch.update({ where: { id: batch.id }, data: { broadcastAt: new Date(Date.now() - 3_000) } });
    expect(await lane.untilFinal()).toMatchObject({ adopted: 1 });
    expect(await expectAnchoredAsRecorded(lane, batch)).toMatchObject({ txHash: other.txHash, anchorSubmitter: MEMBER.address.toLowerCase() });

    await ingest();
    const [next] = await seal();
    await lane.untilFinal();
    expect((await expectAnchoredAsRecorded(lane, next)).nonce).toBe(stored.nonce);
  });

  it('signs a batch again when another transaction spent its nonce and the root is not anchored', async () => {
    const { lane, batch, stored } = await pendingBatch();
    lane.chain.dropPending();
    lane.chain.automine = true;
    const transfer = await OPERATOR.signTransaction({ type: 0, chainId: lane.chain.chainId, to: OPERATOR.address, nonce: Number(stored.nonce), gasPrice: 1n, gasLimit: 21_000n });
    await lane.chain.sendRawTransaction(transfer);
    expect(await lane.untilFinal()).toMatchObject({ resigned: 1, signed: 1 });
    expect((await expectAnchoredAsRecorded(lane, batch)).nonce).toBe(stored.nonce! + 1n);
  });

  it('adopts the anchor that made its own transaction revert with RootAlreadyAnchored', async () => {
    const { lane, batch, stored } = await pendingBatch();
    // Another member's anchor of the same root is mined first; ours follows and reverts.
    lane.chain.dropPending();
    lane.chain.automine = true;
    const other = await anchorOutside(lane, batch, { signer: MEMBER });
    await lane.chain.sendRawTransaction(stored.rawTx!);
    expect(await lane.chain.transactionOutcome(stored.txHash!)).toMatchObject({ succeeded: false });

    expect(await lane.untilFinal()).toMatchObject({ adopted: 1, reverted: 0, signed: 0 });
    expect(await expectAnchoredAsRecorded(lane, batch)).toMatchObject({ txHash: other.txHash, anchorSubmitter: MEMBER.address.toLowerCase() });
  });

  it('sends a batch whose transaction reverted back to be signed with the next nonce', async () => {
    const { lane, batch, stored } = await pendingBatch();
    // The consortium removed the operator while its transaction waited.
    lane.chain.removeMember(lane.contractAddress, OPERATOR.address);
    lane.chain.mine();
    expect(await lane.round()).toMatchObject({ reverted: 1 });
    expect(await reload(batch)).toMatchObject({ status: 'sealed', txHash: null, lastAnchorError: `transaction ${stored.txHash} reverted` });

    lane.chain.addMember(lane.contractAddress, OPERATOR.address);
    lane.chain.automine = true;
    await lane.untilFinal();
    expect((await expectAnchoredAsRecorded(lane, batch)).nonce).toBe(stored.nonce! + 1n);
  });

  it('holds a lane whose member key is missing or not a member, anchors the others, and resumes once mended', async () => {
    const lane = newChain();
    const stranger = new Wallet(Wallet.createRandom().privateKey);
    const { organization: waiting } = await findOrCreateOrganization({ prisma: services.prisma, name: `Bank Awaiting Membership ${lane.chain.chainId}`, type: 'lender' });
    await setAnchorMember({ prisma: services.prisma, organization: waiting.id, memberAddress: stranger.address.toLowerCase(), actor: SYSTEM_ACTOR });
    await ingest(1, waiting.id);
    await ingest(1);
    const batches = await seal();
    const held = batches.find((b) => b.organizationId === waiting.id)!;
    const other = batches.find((b) => b.organizationId === null)!;

    for (let i = 0; i < 3; i++) await lane.round({}, KEYS);
    expect(await reload(held)).toMatchObject({ status: 'sealed', lastAnchorError: expect.stringMatching(/no key for consortium member/) });
    await expectAnchoredAsRecorded(lane, other);

    const withKey = { ...KEYS, members: [MEMBER, stranger] };
    await lane.round({}, withKey);
    expect(await reload(held)).toMatchObject({ status: 'sealed', lastAnchorError: expect.stringMatching(/is not a member of the anchor contract/) });

    lane.chain.addMember(lane.contractAddress, stranger.address);
    for (let i = 0; i < 3; i++) await lane.round({}, withKey);
    expect(await expectAnchoredAsRecorded(lane, held)).toMatchObject({ anchorSubmitter: stranger.address.toLowerCase(), nonce: 0n });
  });

  it('keeps at most maxInFlight batches signed and not final', async () => {
    const lane = newChain();
    lane.chain.automine = false;
    await ingest(5);
    await seal(1);
    expect(await lane.round({ maxInFlight: 2 })).toMatchObject({ signed: 2, broadcast: 2 });
    expect(await lane.round({ maxInFlight: 2 })).toMatchObject({ signed: 0 });
    lane.chain.automine = true;
    lane.chain.mine();
    await lane.untilFinal();
  });

  it('under random faults (reorgs, lost pool, a node down, a stalled pool) anchors every batch once, with no nonce gap', async () => {
    const lane = newChain();
    let seed = 12_345;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    // One snapshot at a time, and a revert only as deep as CHAIN_CONFIRMATIONS: a reorg deeper than
    // that could drop a final anchor, which the confirmation depth is chosen to make improbable.
    let snapshot: { id: number; head: bigint } | null = null;
    const all: Batch[] = [];
    for (let step = 0; step < 120; step++) {
      const dice = random();
      if (dice < 0.15) await ingest(1 + Math.floor(random() * 3));
      else if (dice < 0.25) all.push(...(await seal(2)));
      else if (dice < 0.32) snapshot = { id: lane.chain.snapshot(), head: await headOf(lane.chain) };
      else if (dice < 0.37 && snapshot && (await headOf(lane.chain)) - snapshot.head <= 2n) {
        lane.chain.revert(snapshot.id);
        snapshot = null;
      }
      else if (dice < 0.42) lane.chain.dropPending();
      else if (dice < 0.47) lane.chain.down = !lane.chain.down;
      else if (dice < 0.52) lane.chain.automine = !lane.chain.automine;
      else if (dice < 0.6) lane.chain.mine(1 + Math.floor(random() * 3));
      else await lane.round({ confirmations: 2, stuckAfterMs: 0 });
    }
    lane.chain.down = false;
    lane.chain.automine = true;
    all.push(...(await seal(2)));
    for (let i = 0; i < 40 && (await services.prisma.batch.count({ where: { status: { not: 'final' } } })) > 0; i++) {
      await lane.round({ confirmations: 2, stuckAfterMs: 0 });
      lane.chain.mine();
    }
    expect(all.length).toBeGreaterThan(5);
    const finals = await Promise.all(all.map((batch) => expectAnchoredAsRecorded(lane, batch)));
    // Each root anchored by exactly one successful transaction; the operator's nonces without a gap.
    const anchorsByRoot = new Map<string, number>();
    for (const tx of lane.chain.minedTransactions()) {
      if (!tx.succeeded || tx.blockTime === null) continue;
      const onChain = finals.find((b) => b.txHash === tx.txHash);
      expect(onChain, `anchor ${tx.txHash} belongs to a batch`).toBeDefined();
      anchorsByRoot.set(toHex(onChain!.root), (anchorsByRoot.get(toHex(onChain!.root)) ?? 0) + 1);
    }
    expect([...anchorsByRoot.values()].every((count) => count === 1)).toBe(true);
    expect(anchorsByRoot.size).toBe(finals.length);
    // No two batches claim one nonce, and each batch's nonce is spent on chain.
    const nonces = finals.map((b) => b.nonce!).sort((a, b) => (a < b ? -1 : 1));
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(nonces[nonces.length - 1]).toBeLessThan(await lane.chain.minedNonceCount(OPERATOR.address));
  });
});

/** The head as the test sees it, not counted as a call of the state machine. */
async function headOf(chain: InMemoryAnchorChain): Promise<bigint> {
  const wasDown = chain.down;
  chain.down = false;
  try {
    return await chain.blockNumber();
  } finally {
    chain.down = wasDown;
  }
}

// The reconciliation days' outbox (spec §11) on the real database and the real local chain, with the
// demo pair's two drafted days and the demo banks' own keys: a signed-off day goes on chain in
// exactly three transactions, the contract reads back what was committed and signed and names the
// banks' keys, the day view lists them, a re-run sends nothing, a process killed between signing and
// sending sends the stored transaction once when it comes back, and a chain that is down is retried
// with back-off.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushAuditOutbox } from '../audit/append-audit-entry';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { StaffViewer } from '../auth/viewer';
import { startBatcher } from '../batches/start-batcher';
import { loadIssuer, type Issuer } from '../certificates/load-issuer';
import { DEMO_RECONCILIATION_DAYS, DEMO_SIGN_OFF_KEY_PASSWORD, demoSignOffKeyFile } from '../demo/demo-consortium';
import { toHex } from '../proof/hex';
import { closeChain, connectChain } from '../chain/connect-chain';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY, startLocalChain, type LocalChain } from '../chain/start-local-chain';
import { ChainUnavailableError } from '../proof/chain-errors';
import { recordRandomEvidence } from '../testing/record-random-evidence';
import { startTcpProxy } from '../testing/tcp-proxy';
import { startBatcherFromConfig } from '../startup/start-batcher-from-config';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { advanceReconciliationAnchoring } from './advance-reconciliation-anchoring';
import { getReconciliationDay } from './get-reconciliation-day';
import { hashObjections } from './hash-objections';
import { pairIdOnChain } from './pair-id-on-chain';
import { readReconciliationDay } from './read-reconciliation-day';
import { dayViewSchema } from './reconciliation-schemas';
import { loadSignOffContext } from './sign-off-context';
import { parseSignOffBody, signOffStatement } from './sign-off-statement';
import { signStatementSignOff } from './sign-statement-sign-off';
import { NO_OBJECTIONS, type SignOffDecision } from './statement-typed-data';

let services: TestServices;
let issuer: Issuer;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let keyA: Wallet;
let keyB: Wallet;
let pairId: string;
let contract: string;
let operator: string;
let gasLimit: bigint;
/** The anvil started after the platform's lost its state (last test). */
let freshChain: LocalChain | undefined;
const [day1, day2] = DEMO_RECONCILIATION_DAYS;
const OBJECTIONS = '借据 JJ0420000000007 的还款我行记在 2026-11-03。Row 7 is a repayment we booked on 2026-11-03.';

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  issuer = await loadIssuer(services.config);
  const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '203.0.113.9' })) as StaffViewer;
  [lenderA, lenderB] = await Promise.all(['lender-a', 'lender-b'].map((name) => staff(`${name}@evident.demo`)));
  const open = async (bank: 'A' | 'B') => (await Wallet.fromEncryptedJson(await readFile(demoSignOffKeyFile(services.config.dataDir, bank), 'utf8'), DEMO_SIGN_OFF_KEY_PASSWORD)) as Wallet;
  [keyA, keyB] = await Promise.all([open('A'), open('B')]);
  pairId = (await services.prisma.reconciliationPair.findFirstOrThrow()).id;
  contract = (await services.prisma.chainDeployment.findFirstOrThrow()).reconciliationAnchorAddress!;
  operator = services.chain.signer!.address;
  gasLimit = BigInt(services.config.anchorGasLimit);
}, 120_000);

afterAll(async () => {
  await services?.stop();
  await freshChain?.stop();
});

/** A bank signs the day off with its own key, through the sign-off service. */
async function signOff(viewer: StaffViewer, key: Wallet, date: string, decision: SignOffDecision, objections?: string) {
  const { common, bank } = await loadSignOffContext({ prisma: services.prisma, viewer, pairId, businessDate: date });
  const signature = await signStatementSignOff(key, {
    ...common,
    party: bank === 'A' ? 'bank-a' : 'bank-b',
    decision,
    objectionsHash: objections === undefined ? NO_OBJECTIONS : hashObjections(objections),
  });
  const body = parseSignOffBody(new TextEncoder().encode(JSON.stringify({ decision, objections, signature })));
  await signOffStatement({ prisma: services.prisma, viewer, pairId, businessDate: date, body, issuer });
}

const advance = () => advanceReconciliationAnchoring({ prisma: services.prisma, chain: services.chain, gasLimit, log: () => undefined });
const sentByOperator = () => services.chain.provider.getTransactionCount(operator, 'latest');
const rowsOf = (date: string) =>
  services.prisma.reconciliationAnchorTransaction.findMany({ where: { pairId, businessDate: date }, orderBy: { nonce: 'asc' } });

describe('advanceReconciliationAnchoring', () => {
  it('puts a signed-off day on chain in exactly three transactions that read back as committed and signed', async () => {
    await signOff(lenderA, keyA, day1, 'agreed');
    await signOff(lenderB, keyB, day1, 'disputed', OBJECTIONS);
    const before = await sentByOperator();

    // Through the batcher's anchoring round, as the platform runs it (ANCHOR_GAS_LIMIT as configured).
    const lines: string[] = [];
    const batcher = startBatcher({
      prisma: services.prisma,
      databaseUrl: services.databaseUrl,
      chain: services.chain,
      anchoring: { contractAddress: services.contractAddress, confirmations: 0, stuckAfterMs: 60_000, gasLimit, maxInFlight: 4 },
      intervalMs: 3_600_000,
      maxLeaves: 1000,
      log: (line) => lines.push(line),
    });
    try {
      await batcher.runOnce();
    } finally {
      await batcher.stop();
    }

    // Day 1: both sides and the statement; day 2 (not signed off): its two sides only.
    expect(lines).toContain('5 reconciliation transaction(s) mined');
    expect((await sentByOperator()) - before).toBe(5);
    const rows = await rowsOf(day1);
    const gasUsed: bigint[] = [];
    expect(rows.map((row) => [row.kind, row.status])).toEqual([
      ['side_a', 'included'],
      ['side_b', 'included'],
      ['statement', 'included'],
    ]);
    for (const row of rows) {
      const receipt = (await services.chain.provider.getTransactionReceipt(row.txHash))!;
      expect(receipt.status).toBe(1);
      gasUsed.push(receipt.gasUsed);
      expect(BigInt(receipt.blockNumber)).toBe(row.blockNumber);
      const block = (await services.chain.provider.getBlock(receipt.blockNumber))!;
      expect(row.blockTime!.getTime()).toBe(block.timestamp * 1000);
    }
    expect((await rowsOf(day2)).map((row) => row.kind)).toEqual(['side_a', 'side_b']);
    // The default ANCHOR_GAS_LIMIT leaves room: measured about 124k per side and 208k for a statement.
    for (const used of gasUsed) expect(used * 4n).toBeLessThan(gasLimit * 3n);

    const onChain = await readReconciliationDay(services.chain, { contract, pairId: pairIdOnChain(pairId), businessDate: day1 });
    const sides = await services.prisma.reconciliationSide.findMany({ where: { pairId, businessDate: day1 }, orderBy: { bank: 'asc' } });
    for (const [side, anchored] of [
      [sides[0], onChain.sideA],
      [sides[1], onChain.sideB],
    ] as const) {
      expect(toHex(anchored!.root)).toBe(toHex(side.root));
      expect(anchored!.rowCount).toBe(side.rowCount);
      expect(toHex(anchored!.receiptHash)).toBe(toHex(side.receiptSha256));
      expect(anchored!.submitter).toBe(operator.toLowerCase());
    }
    const statement = await services.prisma.reconciliationStatement.findUniqueOrThrow({ where: { pairId_businessDate: { pairId, businessDate: day1 } } });
    expect(statement.status).toBe('disputed');
    expect(toHex(onChain.statement!.statementHash)).toBe(toHex(statement.sha256));
    // The contract's confirmations name the banks' own keys, not Evident's.
    expect(onChain.statement!.bankA).toEqual({ signer: keyA.address.toLowerCase(), decision: 'agreed', objectionsHash: NO_OBJECTIONS });
    expect(onChain.statement!.bankB).toEqual({ signer: keyB.address.toLowerCase(), decision: 'disputed', objectionsHash: hashObjections(OBJECTIONS) });

    // The day view lists the three, as the portal and the API show them.
    const view = dayViewSchema.parse(await getReconciliationDay({ prisma: services.prisma, viewer: lenderB, pairId, businessDate: day1 }));
    expect(view.anchoring.map((tx) => [tx.kind, tx.status, tx.txHash, tx.blockNumber])).toEqual(
      rows.map((row) => [row.kind.replace('_', '-'), 'included', row.txHash, row.blockNumber!.toString()]),
    );
    expect(view.anchoring.every((tx) => tx.contractAddress === contract && tx.blockTime !== null && tx.lastError === null)).toBe(true);

    await flushAuditOutbox(services.prisma);
    const audit = await services.prisma.auditEntry.findMany({ where: { action: 'reconciliation.anchor', targetId: `${pairId}/${day1}` } });
    expect(audit.map((entry) => (entry.details as { kind: string }).kind).sort()).toEqual(['side_a', 'side_b', 'statement']);
  });

  it('sends nothing on a re-run', async () => {
    const before = await sentByOperator();
    expect(await advance()).toEqual({ signed: 0, broadcast: 0, included: 0, reverted: 0 });
    expect(await sentByOperator()).toBe(before);
  });

  it('sends the stored transaction once after a kill between signing and sending, and once after a kill before the receipt was recorded', async () => {
    await signOff(lenderA, keyA, day2, 'agreed');
    await signOff(lenderB, keyB, day2, 'agreed');
    const before = await sentByOperator();
    const { provider } = services.chain;

    // Killed between sign and send: the node never received the transaction (held in the pool
    // while mining is off, then dropped from it), the row is stored as signed.
    await provider.send('evm_setAutomine', [false]);
    try {
      await advance();
      const [signed] = (await rowsOf(day2)).filter((row) => row.kind === 'statement');
      await provider.send('anvil_dropTransaction', [signed.txHash]);
      await services.prisma.reconciliationAnchorTransaction.updateMany({ where: { txHash: signed.txHash }, data: { status: 'signed' } });
    } finally {
      await provider.send('evm_setAutomine', [true]);
    }
    expect(await sentByOperator()).toBe(before);

    // Coming back: the same stored bytes are sent, mined once.
    const stored = (await rowsOf(day2)).find((row) => row.kind === 'statement')!;
    expect((await advance()).included).toBe(1);
    const mined = (await rowsOf(day2)).find((row) => row.kind === 'statement')!;
    expect(mined).toMatchObject({ status: 'included', txHash: stored.txHash, nonce: stored.nonce });
    expect((await sentByOperator()) - before).toBe(1);

    // Killed after sending but before the receipt was recorded: re-sent as is, nothing new mined.
    await services.prisma.reconciliationAnchorTransaction.updateMany({ where: { txHash: stored.txHash }, data: { status: 'signed', blockNumber: null, blockTime: null } });
    expect((await advance()).included).toBe(1);
    expect((await sentByOperator()) - before).toBe(1);
    const onChain = await readReconciliationDay(services.chain, { contract, pairId: pairIdOnChain(pairId), businessDate: day2 });
    expect(onChain.statement!.bankB.decision).toBe('agreed');
  });

  it('backs off while the chain is down and sends the stored transaction once it is back', async () => {
    const proxy = await startTcpProxy({ targetPort: Number(new URL(services.chainRpcUrl).port) });
    const throughProxy = await connectChain({ rpcUrl: proxy.url, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY, requestTimeoutMs: 2000 });
    try {
      const stored = (await rowsOf(day2)).find((row) => row.kind === 'statement')!;
      // As a crash left it: stored as signed, not known to be sent.
      await services.prisma.reconciliationAnchorTransaction.updateMany({ where: { txHash: stored.txHash }, data: { status: 'signed', blockNumber: null, blockTime: null } });
      const before = await sentByOperator();
      const at = new Date();
      const advanceAt = (now: Date) =>
        advanceReconciliationAnchoring({ prisma: services.prisma, chain: throughProxy, gasLimit, log: () => undefined, now: () => now });

      await proxy.cut();
      const down = await advanceAt(at);
      expect(down.error).toBeInstanceOf(ChainUnavailableError);
      const waiting = (await rowsOf(day2)).find((row) => row.kind === 'statement')!;
      expect(waiting).toMatchObject({ status: 'signed', attempts: stored.attempts + 1 });
      expect(waiting.lastError).toMatch(/unavailable/);
      const delay = waiting.retryAt!.getTime() - at.getTime();
      expect(delay).toBe(Math.min(300_000, 1000 * 2 ** stored.attempts));

      await proxy.restore();
      // Not before its time: nothing is tried.
      expect(await advanceAt(new Date(at.getTime() + delay - 1))).toEqual({ signed: 0, broadcast: 0, included: 0, reverted: 0 });
      const back = await advanceAt(new Date(at.getTime() + delay));
      expect(back).toEqual({ signed: 0, broadcast: 1, included: 1, reverted: 0 });
      expect((await rowsOf(day2)).find((row) => row.kind === 'statement')).toMatchObject({ status: 'included', txHash: stored.txHash, lastError: null });
      expect(await sentByOperator()).toBe(before);
    } finally {
      closeChain(throughProxy);
      await proxy.close();
    }
  });

  it('after the chain lost its state, anchors the days again on the new contract, each once, and evidence anchoring goes on', async () => {
    const chainDir = path.join(services.config.dataDir, 'chain');
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

    const lines: string[] = [];
    const batcher = startBatcherFromConfig({ config: services.config, services, log: (line) => lines.push(line) });
    try {
      const [evidenceId] = await recordRandomEvidence({ prisma: services.prisma, count: 1 });
      for (let round = 0; round < 20; round++) {
        await batcher.runOnce();
        const open = await services.prisma.reconciliationAnchorTransaction.count({ where: { status: { not: 'included' } } });
        const evidence = await services.prisma.batch.count({ where: { status: { not: 'final' } } });
        if (open === 0 && evidence === 0 && (await services.prisma.reconciliationAnchorTransaction.count()) > 0) break;
      }
      const newContract = (await services.prisma.chainDeployment.findFirstOrThrow()).reconciliationAnchorAddress!;
      const rows = await services.prisma.reconciliationAnchorTransaction.findMany({ orderBy: { nonce: 'asc' } });
      // All six again. The fresh anvil gives the new contract the lost one's address (the same deployer
      // nonces), so the banks' sign-offs, signed for that chain id and address, are valid on it too.
      expect(newContract).toBe(contract);
      expect(rows.map((row) => [row.businessDate, row.kind, row.status])).toEqual([
        [day1, 'side_a', 'included'],
        [day1, 'side_b', 'included'],
        [day2, 'side_a', 'included'],
        [day2, 'side_b', 'included'],
        [day1, 'statement', 'included'],
        [day2, 'statement', 'included'],
      ]);
      const onChain = await readReconciliationDay(services.chain, { contract: newContract, pairId: pairIdOnChain(pairId), businessDate: day1 });
      expect(onChain.statement!.bankA.signer).toBe(keyA.address.toLowerCase());
      expect(onChain.statement!.bankB.signer).toBe(keyB.address.toLowerCase());
      const lossEntry = await services.prisma.auditEntry.findFirstOrThrow({ where: { action: 'chain.loss' } });
      expect(lossEntry.details).toMatchObject({ reconciliationTransactions: 6 });
      // The operator key's nonces were not held back: the evidence item is anchored too.
      const { sequence } = await services.prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } });
      const batch = await services.prisma.batch.findFirstOrThrow({ where: { firstSequence: { lte: sequence }, lastSequence: { gte: sequence } } });
      expect(batch.status).toBe('final');
      expect(lines.filter((line) => line.startsWith('ERROR chain'))).toHaveLength(1);
    } finally {
      await batcher.stop();
    }
  }, 90_000);
});

// The outbox of a day's three ReconciliationAnchor transactions (docs/reconciliation-format.md §11):
// bank A's side and bank B's side once each is committed, and the statement with both banks'
// sign-offs once both signed. Each call of the batcher's anchoring round moves every day as far as
// the chain allows, with the evidence outbox's guarantees (lib/batches/advance-anchoring.ts):
//
//   waiting → signed    the call is signed offline with the operator's key and stored with its nonce
//                       (nextAnchorNonce, shared with the evidence batches) before anything is sent
//   signed → broadcast  the stored bytes are sent; after a crash the very same bytes are sent again,
//                       so a day's transaction can be mined once only (one nonce, one transaction)
//   broadcast → included | reverted   the receipt: block number and the block's time recorded, and
//                       an audit entry in the same database transaction
//
// A chain that does not answer stops the round; the transaction is tried again after a back-off of
// 1 s doubling to 5 min. The sides go before the statement in nonce order, so the contract has both
// sides when the statement arrives. Only the holder of the anchoring lock calls this.
import { appendAuditEntry, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { ChainConnection } from '../chain/connect-chain';
import { broadcastRawTransaction } from '../chain/broadcast-raw-transaction';
import { encodeAnchorSideCall } from '../chain/anchor-reconciliation-side';
import { encodeRecordStatementCall, type SignedSignOff } from '../chain/record-reconciliation-statement';
import { getTransactionOutcome } from '../chain/get-transaction-outcome';
import { signContractTransaction } from '../chain/sign-contract-transaction';
import { nextAnchorNonce } from '../batches/next-anchor-nonce';
import type { PrismaClient } from '../db/client';
import type { ReconciliationAnchorKind, ReconciliationSignOff } from '../db/generated/client';
import { ChainUnavailableError } from '../proof/chain-errors';
import { fromHex } from '../proof/hex';
import { pairIdOnChain } from './pair-id-on-chain';
import type { ReconciliationStatement as StatementDocument } from './reconciliation-statement';
import type { StatementSignOff } from './statement-typed-data';

export interface ReconciliationAnchoringProgress {
  signed: number;
  broadcast: number;
  included: number;
  reverted: number;
  /** The chain did not answer, or refused a transaction; the round stopped or went on without it. */
  error?: Error;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 5 * 60_000;

export async function advanceReconciliationAnchoring({
  prisma,
  chain,
  gasLimit,
  log,
  now = () => new Date(),
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  gasLimit: bigint;
  log: (line: string) => void;
  now?: () => Date;
}): Promise<ReconciliationAnchoringProgress> {
  const progress: ReconciliationAnchoringProgress = { signed: 0, broadcast: 0, included: 0, reverted: 0 };
  const deployment = await prisma.chainDeployment.findUnique({ where: { chainId: chain.chainId } });
  const contractAddress = deployment?.reconciliationAnchorAddress;
  if (!contractAddress || !chain.signer) return progress;
  try {
    await signWaiting({ prisma, chain, contractAddress, gasLimit, progress });
    await sendAndFollow({ prisma, chain, log, now, progress });
  } catch (error) {
    if (!(error instanceof ChainUnavailableError)) throw error;
    progress.error = error;
  }
  return progress;
}

interface Waiting {
  pairId: string;
  businessDate: string;
  kind: ReconciliationAnchorKind;
  data: string;
}

async function signWaiting({
  prisma,
  chain,
  contractAddress,
  gasLimit,
  progress,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  contractAddress: string;
  gasLimit: bigint;
  progress: ReconciliationAnchoringProgress;
}): Promise<void> {
  const stored = await prisma.reconciliationAnchorTransaction.findMany({
    where: { chainId: chain.chainId, contractAddress },
    select: { pairId: true, businessDate: true, kind: true },
  });
  const done = new Set(stored.map((row) => `${row.pairId}/${row.businessDate}/${row.kind}`));
  const isDone = (pairId: string, businessDate: string, kind: ReconciliationAnchorKind) => done.has(`${pairId}/${businessDate}/${kind}`);
  const waiting: Waiting[] = [];

  const sides = await prisma.reconciliationSide.findMany({
    select: { pairId: true, businessDate: true, bank: true, root: true, rowCount: true, receiptSha256: true },
    orderBy: [{ committedAt: 'asc' }],
  });
  for (const side of sides) {
    const kind: ReconciliationAnchorKind = side.bank === 'A' ? 'side_a' : 'side_b';
    if (isDone(side.pairId, side.businessDate, kind)) continue;
    waiting.push({
      pairId: side.pairId,
      businessDate: side.businessDate,
      kind,
      data: encodeAnchorSideCall({
        pairId: pairIdOnChain(side.pairId),
        businessDate: side.businessDate,
        bank: side.bank === 'A' ? 'bank-a' : 'bank-b',
        root: new Uint8Array(side.root),
        rowCount: side.rowCount,
        receiptHash: new Uint8Array(side.receiptSha256),
      }),
    });
  }

  // A statement goes to the contract its sign-offs were signed for (their EIP-712 domain).
  const statements = await prisma.reconciliationStatement.findMany({
    where: { status: { in: ['agreed', 'disputed'] } },
    include: { signOffs: true },
    orderBy: [{ draftedAt: 'asc' }],
  });
  for (const statement of statements) {
    if (isDone(statement.pairId, statement.businessDate, 'statement')) continue;
    const a = statement.signOffs.find((signOff) => signOff.party === 'A');
    const b = statement.signOffs.find((signOff) => signOff.party === 'B');
    if (!a || !b || a.chainId !== chain.chainId || a.contractAddress !== contractAddress) continue;
    const document = JSON.parse(statement.canonicalJson) as StatementDocument;
    const signed = (signOff: ReconciliationSignOff): SignedSignOff => {
      const values: StatementSignOff = {
        chainId: signOff.chainId,
        contract: signOff.contractAddress,
        pairId: pairIdOnChain(statement.pairId),
        businessDate: statement.businessDate,
        statementHash: new Uint8Array(statement.sha256),
        sideA: { root: fromHex(document.sides.a.root), rowCount: document.sides.a.rowCount },
        sideB: { root: fromHex(document.sides.b.root), rowCount: document.sides.b.rowCount },
        party: signOff.party === 'A' ? 'bank-a' : 'bank-b',
        decision: signOff.decision,
        objectionsHash: new Uint8Array(signOff.objectionsHash),
      };
      return { signOff: values, signature: signOff.signature };
    };
    waiting.push({ pairId: statement.pairId, businessDate: statement.businessDate, kind: 'statement', data: encodeRecordStatementCall(signed(a), signed(b)) });
  }
  if (waiting.length === 0) return;

  const operator = chain.signer!;
  const submitter = operator.address.toLowerCase();
  const gasPrice = await chain.anchorChain.gasPrice();
  for (const item of waiting) {
    await prisma.$transaction(async (tx) => {
      const nonce = await nextAnchorNonce(tx, {
        chainId: chain.chainId,
        submitter,
        minedNonceCount: await chain.anchorChain.minedNonceCount(submitter),
      });
      const { rawTx, txHash } = await signContractTransaction(operator, {
        chainId: chain.chainId,
        contractAddress,
        data: item.data,
        nonce,
        gasPrice,
        gasLimit,
      });
      await tx.reconciliationAnchorTransaction.create({
        data: {
          chainId: chain.chainId,
          contractAddress,
          pairId: item.pairId,
          businessDate: item.businessDate,
          kind: item.kind,
          submitter,
          nonce,
          rawTx,
          txHash: txHash.toLowerCase(),
        },
      });
    });
    progress.signed++;
  }
}

async function sendAndFollow({
  prisma,
  chain,
  log,
  now,
  progress,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  log: (line: string) => void;
  now: () => Date;
  progress: ReconciliationAnchoringProgress;
}): Promise<void> {
  const open = await prisma.reconciliationAnchorTransaction.findMany({
    where: { chainId: chain.chainId, status: { in: ['signed', 'broadcast'] }, OR: [{ retryAt: null }, { retryAt: { lte: now() } }] },
    orderBy: [{ nonce: 'asc' }],
  });
  for (const row of open) {
    const key = {
      chainId_contractAddress_pairId_businessDate_kind: {
        chainId: row.chainId,
        contractAddress: row.contractAddress,
        pairId: row.pairId,
        businessDate: row.businessDate,
        kind: row.kind,
      },
    };
    try {
      if (row.status === 'signed') {
        await broadcastRawTransaction(chain, row.rawTx);
        await prisma.reconciliationAnchorTransaction.update({ where: key, data: { status: 'broadcast', attempts: { increment: 1 }, lastError: null, retryAt: null } });
        progress.broadcast++;
      }
      const outcome = await getTransactionOutcome(chain, row.txHash);
      if (!outcome) continue;
      const block = await chain.provider.getBlock(outcome.blockNumber);
      const blockTime = block ? new Date(Number(block.timestamp) * 1000) : null;
      const status = outcome.succeeded ? 'included' : 'reverted';
      await prisma.$transaction(async (tx) => {
        await tx.reconciliationAnchorTransaction.update({
          where: key,
          data: {
            status,
            blockNumber: outcome.blockNumber,
            blockTime,
            lastError: outcome.succeeded ? null : `the contract refused the transaction in block ${outcome.blockNumber}`,
          },
        });
        await appendAuditEntry(tx, {
          actor: SYSTEM_ACTOR,
          action: 'reconciliation.anchor',
          targetType: 'reconciliation_day',
          targetId: `${row.pairId}/${row.businessDate}`,
          details: { kind: row.kind, status, txHash: row.txHash, blockNumber: outcome.blockNumber.toString(), contractAddress: row.contractAddress },
        });
      });
      if (outcome.succeeded) progress.included++;
      else {
        progress.reverted++;
        log(`ERROR reconciliation ${row.kind} of pair ${row.pairId} on ${row.businessDate} reverted in transaction ${row.txHash}`);
      }
    } catch (error) {
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(row.attempts, 20));
      await prisma.reconciliationAnchorTransaction.update({
        where: key,
        data: { attempts: { increment: 1 }, lastError: (error as Error).message, retryAt: new Date(now().getTime() + delay) },
      });
      if (error instanceof ChainUnavailableError) throw error;
      progress.error = error as Error;
    }
  }
}

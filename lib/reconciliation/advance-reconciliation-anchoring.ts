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
import { interpretBlockTime } from '../proof/interpret-block-time';
import { runQuery, sql } from '../db/sql';
import { timestampRetryDelayMs } from '../timestamps/timestamp-waiting-batches';
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
  // Only what has no transaction on this contract yet: the batcher asks every tick, and the days
  // already on chain (almost all of them) are left in the database.
  const sent = (kind: 'side' | 'statement') => sql`
    NOT EXISTS (SELECT 1 FROM reconciliation_anchor_transaction t
      WHERE t.chain_id = ${chain.chainId} AND t.contract_address = ${contractAddress}
        AND t.pair_id = d.pair_id AND t.business_date = d.business_date
        AND t.kind = ${kind === 'side' ? sql`(CASE d.bank WHEN 'A' THEN 'side_a' ELSE 'side_b' END)::reconciliation_anchor_kind` : sql`'statement'::reconciliation_anchor_kind`})`;
  const waiting: Waiting[] = [];

  const sides = await runQuery(
    prisma,
    sql<{ pair_id: string; business_date: string; bank: 'A' | 'B'; root: Uint8Array; row_count: number; receipt_sha256: Uint8Array }>`
      SELECT d.pair_id::text AS pair_id, d.business_date, d.bank, d.root, d.row_count, d.receipt_sha256
      FROM reconciliation_side d WHERE ${sent('side')} ORDER BY d.committed_at`,
  );
  for (const side of sides) {
    waiting.push({
      pairId: side.pair_id,
      businessDate: side.business_date,
      kind: side.bank === 'A' ? 'side_a' : 'side_b',
      data: encodeAnchorSideCall({
        pairId: pairIdOnChain(side.pair_id),
        businessDate: side.business_date,
        bank: side.bank === 'A' ? 'bank-a' : 'bank-b',
        root: new Uint8Array(side.root),
        rowCount: side.row_count,
        receiptHash: new Uint8Array(side.receipt_sha256),
      }),
    });
  }

  // A statement goes to the contract its sign-offs were signed for (their EIP-712 domain).
  const due = await runQuery(
    prisma,
    sql<{ id: string }>`SELECT d.id::text AS id FROM reconciliation_statement d
      WHERE d.status IN ('agreed', 'disputed') AND ${sent('statement')} ORDER BY d.drafted_at`,
  );
  const statements =
    due.length === 0
      ? []
      : await prisma.reconciliationStatement.findMany({ where: { id: { in: due.map((row) => row.id) } }, include: { signOffs: true }, orderBy: [{ draftedAt: 'asc' }] });
  for (const statement of statements) {
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
      // Seconds on Ethereum-style chains, milliseconds on FISCO BCOS before 3.12 (proof-format.md §8.5).
      const iso = block ? interpretBlockTime(BigInt(block.timestamp)).iso : null;
      const blockTime = iso === null ? null : new Date(iso);
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
      // The back-off batch-root timestamps use: 1 s doubling to 5 min.
      const delay = timestampRetryDelayMs(row.attempts + 1);
      await prisma.reconciliationAnchorTransaction.update({
        where: key,
        data: { attempts: { increment: 1 }, lastError: (error as Error).message, retryAt: new Date(now().getTime() + delay) },
      });
      if (error instanceof ChainUnavailableError) throw error;
      progress.error = error as Error;
    }
  }
}

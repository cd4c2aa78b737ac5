// Makes the chain ready to anchor on: the anchor contract (ensureAnchorContract) and the
// reconciliation anchor bound to it (ensureReconciliationAnchor), the local
// consortium members on the embedded chain, and the batches checked against the chain
// (reconcileAnchoredBatches). Run at start-up, and again by the batcher whenever it finds the chain
// lost or replaced while running (followAnchorChain). A loss is said loudly: one error line in the
// log, an audit entry, and the time and reason on the deployment record, which /api/health reports.
import { appendAuditEntry, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { readGenesisHash } from '../chain/read-genesis-hash';
import { detectChainLoss } from './detect-chain-loss';
import { ensureAnchorContract } from './ensure-anchor-contract';
import { ensureReconciliationAnchor } from './ensure-reconciliation-anchor';
import { reconcileAnchoredBatches } from './reconcile-anchored-batches';
import { registerLocalMembers } from './register-local-members';

export interface AnchorChainOptions {
  prisma: PrismaClient;
  chain: ChainConnection;
  configuredAddress?: string;
  /** RECONCILIATION_ANCHOR_ADDRESS: the ReconciliationAnchor to use instead of deploying one. */
  configuredReconciliationAddress?: string;
  /** The embedded dev chain, where the platform registers its member keys itself. */
  localChain: boolean;
  log: (line: string) => void;
}

export async function prepareAnchorChain(
  options: AnchorChainOptions & {
    /** Why the chain counts as lost, when the caller found out already; else it is checked here. */
    loss?: string | null;
  },
): Promise<{ contractAddress: string; loss: string | null }> {
  const { prisma, chain, configuredAddress, configuredReconciliationAddress, localChain, log } = options;
  const loss = options.loss === undefined ? await detectChainLoss({ prisma, chain }) : options.loss;
  if (loss) await recordChainLoss(prisma, chain.chainId, loss, log);
  const contract = await ensureAnchorContract({ prisma, chain, configuredAddress, log });
  if (localChain) {
    const signOffKeys = await prisma.organization.findMany({ where: { signOffAddress: { not: null } }, select: { signOffAddress: true } });
    await registerLocalMembers({ chain, contractAddress: contract.address, extraMembers: signOffKeys.map((org) => org.signOffAddress!), log });
  }
  await ensureReconciliationAnchor({ prisma, chain, evidenceAnchorAddress: contract.address, configuredAddress: configuredReconciliationAddress, log });
  // After a loss nothing signed before can be trusted to land; the contract is asked for each root
  // before anything is signed again, so a root already anchored is adopted, never anchored twice.
  await reconcileAnchoredBatches({ prisma, chain, freshContract: contract.freshlyDeployed || loss !== null, log });
  await prisma.chainDeployment.update({
    where: { chainId: chain.chainId },
    data: { genesisHash: await readGenesisHash(chain) },
  });
  return { contractAddress: contract.address, loss };
}

async function recordChainLoss(prisma: PrismaClient, chainId: bigint, reason: string, log: (line: string) => void): Promise<void> {
  const recorded = await prisma.chainDeployment.findUnique({ where: { chainId }, select: { lastLossReason: true } });
  // A recovery that failed is retried on every tick; the same loss is reported once.
  if (recorded?.lastLossReason === reason) return;
  log(`ERROR chain ${chainId} was lost or replaced: ${reason}; unfinished batches and anchors not on chain are anchored again`);
  await prisma.$transaction(async (tx) => {
    await tx.chainDeployment.update({ where: { chainId }, data: { lastLossAt: new Date(), lastLossReason: reason } });
    // The reconciliation days' transactions went with the chain: their stored nonces would hold every
    // new transaction of the operator key back, and the sides are anchored again on the new contract.
    const { count: reconciliationTransactions } = await tx.reconciliationAnchorTransaction.deleteMany({ where: { chainId } });
    await appendAuditEntry(tx, {
      actor: SYSTEM_ACTOR,
      action: 'chain.loss',
      targetType: 'chain',
      targetId: chainId.toString(),
      details: { reason, reconciliationTransactions },
    });
  });
}

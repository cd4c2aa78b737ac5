// The ReconciliationAnchor of the chain the platform runs on: the one recorded on the newest
// chain_deployment row that has one (start-up records it, lib/startup/ensure-reconciliation-anchor.ts).
// Null before the platform first started on its chain.
import type { PrismaClient } from '../db/client';

export async function currentReconciliationAnchor(prisma: PrismaClient): Promise<{ chainId: bigint; contract: string } | null> {
  const deployment = await prisma.chainDeployment.findFirst({
    where: { reconciliationAnchorAddress: { not: null } },
    orderBy: { deployedAt: 'desc' },
    select: { chainId: true, reconciliationAnchorAddress: true },
  });
  return deployment ? { chainId: deployment.chainId, contract: deployment.reconciliationAnchorAddress! } : null;
}

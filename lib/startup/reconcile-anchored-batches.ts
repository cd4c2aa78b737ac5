// Checks every batch the database has on this chain against the chain itself. An included or final
// batch whose root the chain does not hold (the local dev chain lost its state), and every
// in-flight batch when the anchor contract had to be deployed afresh, goes back to `sealed`: the
// batcher signs and anchors it again, and certificates issued from then on verify.
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { findAnchor } from '../proof/find-anchor';
import { runsCurrentAnchorContract } from '../chain/runs-current-anchor-contract';
import { CLEARED_SIGNING } from '../batches/advance-anchoring';

export async function reconcileAnchoredBatches({
  prisma,
  chain,
  freshContract,
  log,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  /** True when the contract was just deployed or the chain was lost: nothing signed before can be trusted to land. */
  freshContract: boolean;
  log: (line: string) => void;
}): Promise<{ reset: number }> {
  const batches = await prisma.batch.findMany({
    where: { status: { not: 'sealed' }, chainId: chain.chainId },
    select: { id: true, root: true, status: true, contractAddress: true, blockNumber: true },
    orderBy: { firstSequence: 'asc' },
  });
  const codeByContract = new Map<string, boolean>();
  let reset = 0;
  for (const batch of batches) {
    const inFlight = batch.status === 'signed' || batch.status === 'broadcast';
    if (inFlight && !freshContract) continue;
    if (!inFlight) {
      const contract = batch.contractAddress!;
      if (!codeByContract.has(contract)) codeByContract.set(contract, await runsCurrentAnchorContract(chain, contract));
      const onChain = codeByContract.get(contract) ? await findAnchor(chain, contract, batch.root) : null;
      if (onChain && onChain.blockNumber === batch.blockNumber) continue;
    }
    await prisma.batch.update({
      where: { id: batch.id },
      data: {
        ...CLEARED_SIGNING,
        status: 'sealed',
        chainId: null,
        contractAddress: null,
        lastAnchorError: 'anchor not found on chain; anchoring again',
      },
    });
    reset++;
  }
  if (reset > 0) log(`${reset} batch(es) were not on the chain any more and will be anchored again`);
  return { reset };
}

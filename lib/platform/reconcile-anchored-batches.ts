// Checks every batch the database calls anchored against the chain. A root the chain does not
// hold (the local dev chain lost its state) sends the batch back to `sealed`, so the batcher
// anchors it again and the certificates issued from then on verify.
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { findAnchor } from '../chain/find-anchor';
import { hasContractCode } from '../chain/has-contract-code';
import { toHex } from '../hex';

export async function reconcileAnchoredBatches({
  prisma,
  chain,
  log,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  log: (line: string) => void;
}): Promise<{ reset: number }> {
  const batches = await prisma.batch.findMany({
    where: { status: 'anchored', chainId: chain.chainId },
    select: { id: true, root: true, contractAddress: true, blockNumber: true },
    orderBy: { firstSequence: 'asc' },
  });
  const codeByContract = new Map<string, boolean>();
  let reset = 0;
  for (const batch of batches) {
    const contract = batch.contractAddress!;
    if (!codeByContract.has(contract)) codeByContract.set(contract, await hasContractCode(chain.provider, contract));
    const onChain = codeByContract.get(contract) ? await findAnchor(chain.provider, contract, toHex(batch.root)) : null;
    if (onChain && onChain.blockNumber === batch.blockNumber) continue;
    await prisma.batch.update({
      where: { id: batch.id },
      data: {
        status: 'sealed',
        chainId: null,
        contractAddress: null,
        txHash: null,
        blockNumber: null,
        blockTime: null,
        anchoredAt: null,
        lastAnchorError: 'anchor not found on chain at start-up; re-anchoring',
      },
    });
    reset++;
  }
  if (reset > 0) log(`${reset} batch(es) were not on the chain any more and will be anchored again`);
  return { reset };
}

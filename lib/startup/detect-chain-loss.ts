// Whether the chain behind the RPC URL is still the one Evident anchored on: same chain id, same
// genesis block, the anchor contract still there, and the latest final anchor still on it. Asked at
// start-up and on every batcher tick, so a chain that lost its state while Evident ran is noticed
// at once, not at the next restart.
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { findAnchor } from '../proof/find-anchor';
import { readGenesisHash } from '../chain/read-genesis-hash';
import { requestChainId } from '../proof/request-chain-id';
import { runsCurrentAnchorContract } from '../chain/runs-current-anchor-contract';
import { toHex } from '../proof/hex';

/** Why the recorded chain is gone, or null when it is the same chain (or nothing was recorded yet). */
export async function detectChainLoss({ prisma, chain }: { prisma: PrismaClient; chain: ChainConnection }): Promise<string | null> {
  const recorded = await prisma.chainDeployment.findUnique({ where: { chainId: chain.chainId } });
  if (!recorded) return null;
  const chainId = await requestChainId({ rpcUrl: chain.rpcUrl, timeoutMs: 10_000 });
  if (chainId !== chain.chainId) return `the node now serves chain ${chainId}, not chain ${chain.chainId}`;
  const genesis = await readGenesisHash(chain);
  if (recorded.genesisHash && genesis !== recorded.genesisHash) {
    return `its genesis block changed from ${recorded.genesisHash} to ${genesis} (the chain lost its state or was replaced)`;
  }
  if (!(await runsCurrentAnchorContract(chain, recorded.contractAddress))) {
    return `the anchor contract at ${recorded.contractAddress} is gone`;
  }
  const lastFinal = await prisma.batch.findFirst({
    where: { status: 'final', chainId: chain.chainId, contractAddress: recorded.contractAddress },
    orderBy: { anchoredAt: 'desc' },
    select: { id: true, root: true, blockNumber: true },
  });
  if (lastFinal) {
    const anchor = await findAnchor(chain, recorded.contractAddress, lastFinal.root);
    if (!anchor || anchor.blockNumber !== lastFinal.blockNumber) {
      return `the final anchor of batch ${lastFinal.id} (root ${toHex(lastFinal.root)}, block ${lastFinal.blockNumber}) is no longer on chain`;
    }
  }
  return null;
}

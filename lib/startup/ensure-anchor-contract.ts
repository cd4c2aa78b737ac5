// Decides which anchor contract this chain uses: the configured ANCHOR_CONTRACT_ADDRESS, else the
// one Evident deployed earlier (recorded per chain id), else a fresh deployment. A recorded
// contract that is gone (a dev chain that lost its state) or is an older version of the contract
// is replaced by a fresh deployment.
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { deployAnchorContract } from '../chain/deploy-anchor-contract';
import { hasContractCode } from '../chain/has-contract-code';
import { runsCurrentAnchorContract } from '../chain/runs-current-anchor-contract';

export async function ensureAnchorContract({
  prisma,
  chain,
  configuredAddress,
  log,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  configuredAddress?: string;
  log: (line: string) => void;
}): Promise<{ address: string; freshlyDeployed: boolean }> {
  if (configuredAddress) {
    if (!(await hasContractCode(chain, configuredAddress))) {
      throw new Error(`ANCHOR_CONTRACT_ADDRESS ${configuredAddress} has no contract code on chain ${chain.chainId}.`);
    }
    await recordDeployment(prisma, chain.chainId, { address: configuredAddress, txHash: null, blockNumber: null });
    return { address: configuredAddress, freshlyDeployed: false };
  }
  const recorded = await prisma.chainDeployment.findUnique({ where: { chainId: chain.chainId } });
  if (recorded && (await runsCurrentAnchorContract(chain, recorded.contractAddress))) {
    return { address: recorded.contractAddress, freshlyDeployed: false };
  }
  if (recorded) {
    log(`chain ${chain.chainId} no longer has the current anchor contract at ${recorded.contractAddress}; deploying a new one`);
  }
  const deployed = await deployAnchorContract(chain);
  await recordDeployment(prisma, chain.chainId, deployed);
  log(`deployed EvidenceAnchor at ${deployed.address} on chain ${chain.chainId}`);
  return { address: deployed.address, freshlyDeployed: true };
}

async function recordDeployment(
  prisma: PrismaClient,
  chainId: bigint,
  deployed: { address: string; txHash: string | null; blockNumber: bigint | number | null },
): Promise<void> {
  const data = {
    contractAddress: deployed.address,
    txHash: deployed.txHash,
    blockNumber: deployed.blockNumber === null ? null : BigInt(deployed.blockNumber),
    deployedAt: new Date(),
  };
  await prisma.chainDeployment.upsert({ where: { chainId }, create: { chainId, ...data }, update: data });
}

// Decides which ReconciliationAnchor (docs/reconciliation-format.md §11.3) this chain uses, beside the
// EvidenceAnchor it is bound to: the configured RECONCILIATION_ANCHOR_ADDRESS (which must hold the
// contract and be bound to this EvidenceAnchor), else the one Evident deployed earlier and recorded on
// the chain's deployment row, else a fresh deployment. A recorded one that is gone, or bound to another
// EvidenceAnchor (the evidence contract was replaced after a chain loss), is replaced too: the
// consortium's membership lives in the EvidenceAnchor, and a ReconciliationAnchor asking an old one
// would let the old members write.
import { Contract } from 'ethers';
import type { PrismaClient } from '../db/client';
import type { ChainConnection } from '../chain/connect-chain';
import { deployReconciliationAnchor } from '../chain/deploy-reconciliation-anchor';
import { hasContractCode } from '../chain/has-contract-code';
import { RECONCILIATION_ANCHOR_ABI } from '../chain/reconciliation-anchor-abi';

export async function ensureReconciliationAnchor({
  prisma,
  chain,
  evidenceAnchorAddress,
  configuredAddress,
  log,
}: {
  prisma: PrismaClient;
  chain: ChainConnection;
  evidenceAnchorAddress: string;
  configuredAddress?: string;
  log: (line: string) => void;
}): Promise<{ address: string; freshlyDeployed: boolean }> {
  const record = (address: string) =>
    prisma.chainDeployment.update({ where: { chainId: chain.chainId }, data: { reconciliationAnchorAddress: address } });
  if (configuredAddress) {
    if (!(await boundTo(chain, configuredAddress, evidenceAnchorAddress))) {
      throw new Error(
        `RECONCILIATION_ANCHOR_ADDRESS ${configuredAddress} on chain ${chain.chainId} is not a ReconciliationAnchor bound to the EvidenceAnchor ${evidenceAnchorAddress}.`,
      );
    }
    await record(configuredAddress);
    return { address: configuredAddress, freshlyDeployed: false };
  }
  const recorded = (await prisma.chainDeployment.findUnique({ where: { chainId: chain.chainId } }))?.reconciliationAnchorAddress;
  if (recorded && (await boundTo(chain, recorded, evidenceAnchorAddress))) return { address: recorded, freshlyDeployed: false };
  if (recorded) log(`the ReconciliationAnchor at ${recorded} is gone or bound to another EvidenceAnchor; deploying a new one`);
  const deployed = await deployReconciliationAnchor(chain, { evidenceAnchorAddress });
  await record(deployed.address);
  log(`deployed ReconciliationAnchor at ${deployed.address} on chain ${chain.chainId}`);
  return { address: deployed.address, freshlyDeployed: true };
}

async function boundTo(chain: ChainConnection, address: string, evidenceAnchorAddress: string): Promise<boolean> {
  if (!(await hasContractCode(chain, address))) return false;
  try {
    const bound = (await new Contract(address, RECONCILIATION_ANCHOR_ABI, chain.provider).evidenceAnchor()) as string;
    return bound.toLowerCase() === evidenceAnchorAddress.toLowerCase();
  } catch {
    return false;
  }
}

// The batcher's per-tick check that the chain is still the one it anchors on (detectChainLoss); on a
// loss it prepares the chain again as start-up would (prepareAnchorChain) and names the contract to
// anchor on from then on.
import { detectChainLoss } from './detect-chain-loss';
import { prepareAnchorChain, type AnchorChainOptions } from './prepare-anchor-chain';

/** The anchor contract address to use; null when the chain is unchanged. */
export async function followAnchorChain(options: AnchorChainOptions): Promise<string | null> {
  const loss = await detectChainLoss({ prisma: options.prisma, chain: options.chain });
  if (!loss) return null;
  const { contractAddress } = await prepareAnchorChain({ ...options, loss });
  return contractAddress;
}

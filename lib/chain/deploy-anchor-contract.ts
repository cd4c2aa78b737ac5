// Deploys a fresh EvidenceAnchor from the checked-in artifact; the signer becomes its admin and
// first member. Used for the embedded dev chain and by operators bootstrapping a consortium chain.
import type { ChainConnection } from './connect-chain';
import { EVIDENCE_ANCHOR_BYTECODE } from './anchor-abi';
import { describeError } from './describe-error';
import { AnchorTransactionFailedError, ChainUnavailableError } from './errors';
import { toChainError } from './to-chain-error';
import { waitForReceipt } from './wait-for-receipt';

export interface DeployedAnchorContract {
  /** Lowercase 0x-hex. */
  address: string;
  txHash: string;
  blockNumber: bigint;
}

export async function deployAnchorContract(
  connection: ChainConnection,
  { receiptTimeoutMs = 60_000 }: { receiptTimeoutMs?: number } = {},
): Promise<DeployedAnchorContract> {
  const { signer, provider, rpcUrl } = connection;
  if (!signer) throw new TypeError('deployAnchorContract needs a chain connection opened with a private key.');

  let txHash: string;
  try {
    txHash = (await signer.sendTransaction({ data: EVIDENCE_ANCHOR_BYTECODE })).hash;
  } catch (error) {
    const chainError = toChainError(error, rpcUrl);
    if (chainError instanceof ChainUnavailableError) throw chainError;
    throw new AnchorTransactionFailedError({
      reason: 'rejected',
      message: `The node refused to deploy the EvidenceAnchor contract: ${describeError(error)}`,
      cause: error,
    });
  }
  const receipt = await waitForReceipt(provider, txHash, { timeoutMs: receiptTimeoutMs });
  if (receipt.status !== 1 || !receipt.contractAddress) {
    throw new AnchorTransactionFailedError({
      reason: 'reverted',
      txHash,
      message: `Deploying the EvidenceAnchor contract reverted (transaction ${txHash}). Does the chain accept paris EVM bytecode?`,
    });
  }
  return { address: receipt.contractAddress.toLowerCase(), txHash, blockNumber: BigInt(receipt.blockNumber) };
}

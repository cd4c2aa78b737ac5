// Sends one contract-creation transaction and waits for its receipt: the one deploy-and-wait that
// every contract Evident deploys goes through, so a refused or reverted deployment reads the same
// whichever contract it was.
import type { ChainConnection } from './connect-chain';
import { describeError } from './describe-error';
import { waitForReceipt } from './wait-for-receipt';
import { AnchorTransactionFailedError, ChainUnavailableError } from '../proof/chain-errors';
import { toChainError } from '../proof/to-chain-error';

export interface DeployedContract {
  /** Lowercase 0x-hex. */
  address: string;
  txHash: string;
  blockNumber: bigint;
}

export async function deployContract(
  connection: ChainConnection,
  {
    contractName,
    creationCode,
    receiptTimeoutMs = 60_000,
  }: {
    /** Named in errors, e.g. "EvidenceAnchor". */
    contractName: string;
    /** The artifact's bytecode followed by the ABI-encoded constructor arguments, 0x-hex. */
    creationCode: string;
    receiptTimeoutMs?: number;
  },
): Promise<DeployedContract> {
  const { signer, rpcUrl } = connection;
  if (!signer) throw new TypeError(`Deploying ${contractName} needs a chain connection opened with a private key.`);
  let txHash: string;
  try {
    txHash = (await signer.sendTransaction({ data: creationCode })).hash;
  } catch (error) {
    const chainError = toChainError(error, rpcUrl);
    if (chainError instanceof ChainUnavailableError) throw chainError;
    throw new AnchorTransactionFailedError({
      reason: 'rejected',
      message: `The node refused to deploy the ${contractName} contract: ${describeError(error)}`,
      cause: error,
    });
  }
  const receipt = await waitForReceipt(connection, txHash, { timeoutMs: receiptTimeoutMs });
  if (receipt.status !== 1 || !receipt.contractAddress) {
    throw new AnchorTransactionFailedError({
      reason: 'reverted',
      txHash,
      message: `Deploying the ${contractName} contract reverted (transaction ${txHash}). Does the chain accept paris EVM bytecode?`,
    });
  }
  return { address: receipt.contractAddress.toLowerCase(), txHash, blockNumber: BigInt(receipt.blockNumber) };
}
